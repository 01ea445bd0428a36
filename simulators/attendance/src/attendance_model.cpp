#include "sinkron/sim/attendance_model.hpp"

#include <algorithm>
#include <array>

#include "sinkron/population/organisation.hpp"
#include "sinkron/sim/world.hpp"

#include "seeded.hpp"

namespace sinkron::sim {
namespace {

using attendance::Purpose;
using attendance::seededHash;

constexpr std::uint32_t kNoUnit = 0xffffffffu;
constexpr std::size_t kDeviceNameLimit = 24;  // what a ZKTeco user record holds
// Keys of unmapped users live far above any person index.
constexpr std::uint64_t kUnmappedKeyBase = 1ull << 48;

constexpr std::array<std::string_view, 5> kSerialPrefixes = {"CQZ7", "A8N5", "BWXP", "AF6W",
                                                             "CKJD"};
constexpr std::array<std::string_view, 16> kGivenNames = {
    "Agus", "Budi", "Dedi", "Eko",    "Rina", "Sri",     "Wahyu",  "Yanti",
    "Joko", "Dewi", "Andi", "Nining", "Heru", "Lestari", "Slamet", "Tuti"};
constexpr std::array<std::string_view, 12> kFamilyNames = {
    "Santoso", "Wibowo",  "Susanti",   "Hidayat",  "Rahayu",  "Saputra",
    "Lubis",   "Siregar", "Wulandari", "Setiawan", "Pratama", "Nugroho"};

std::string serialNumber(std::uint64_t seed, std::uint32_t unitLocalId, int bump) {
  std::uint64_t h =
      seededHash(seed, unitLocalId * 16ull + static_cast<std::uint64_t>(bump), Purpose::kSerial);
  std::string sn(kSerialPrefixes[h % kSerialPrefixes.size()]);
  std::uint64_t digits = (h >> 8) % 1000000000ull;
  std::string tail = std::to_string(digits);
  sn.append(9 - tail.size(), '0').append(tail);
  return sn;
}

std::string cloudId(std::uint64_t seed, std::uint32_t unitLocalId, int bump) {
  static const char* kHex = "0123456789ABCDEF";
  std::uint64_t h =
      seededHash(seed, unitLocalId * 16ull + static_cast<std::uint64_t>(bump), Purpose::kCloudId);
  std::string id = "C";
  for (int i = 0; i < 15; ++i) id.push_back(kHex[(h >> (i * 4)) & 0xf]);
  return id;
}

int verifyOf(std::uint64_t seed, std::uint64_t key) {
  double u = static_cast<double>(seededHash(seed, key, Purpose::kVerify) >> 11) * 0x1.0p-53;
  return u < 0.70 ? kVerifyFinger : u < 0.92 ? kVerifyFace : kVerifyCard;
}

std::string deviceName(std::string_view name) {
  std::string out(name.substr(0, kDeviceNameLimit));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

AttendanceModel::AttendanceModel(const population::PopulationGenerator& population,
                                 std::string primaryCloudId)
    : population_(population), seed_(population.options().seed) {
  std::span<const population::Unit> allUnits = population::units();
  for (const population::Unit& u : allUnits) allUnorIds_.insert(u.unorId);

  // Pass 1: the unit of every person who punches (active employees only).
  const std::uint64_t people = population_.options().people;
  std::vector<std::uint32_t> unitOfPerson(people, kNoUnit);
  std::vector<std::uint32_t> perUnit(allUnits.size(), 0);
  for (std::uint64_t i = 0; i < people; ++i) {
    population::Person p = population_.person(i);
    if (p.kedudukanId != "01") continue;
    const population::Unit* unit = population::unitByLocalId(p.unitLocalId);
    if (unit == nullptr) continue;
    auto u = static_cast<std::uint32_t>(unit - allUnits.data());
    unitOfPerson[i] = u;
    ++perUnit[u];
  }

  // Devices: units with employees, largest first.
  std::vector<std::uint32_t> order;
  for (std::uint32_t u = 0; u < perUnit.size(); ++u)
    if (perUnit[u] > 0) order.push_back(u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (perUnit[a] != perUnit[b]) return perUnit[a] > perUnit[b];
    return allUnits[a].localId < allUnits[b].localId;
  });
  std::vector<std::uint32_t> deviceOfUnit(allUnits.size(), kNoUnit);
  std::uint32_t position = 0;
  for (std::uint32_t u : order) {
    AttendanceDevice d;
    d.index = devices_.size();
    d.unitLocalId = allUnits[u].localId;
    d.unorId = allUnits[u].unorId;
    d.unitName = allUnits[u].localName;
    d.firstPosition = position;
    d.employees = perUnit[u];
    // About 3% of a device's users, and always one on the largest device so that even a tiny
    // world shows the failure mode.
    d.unmapped =
        perUnit[u] / 30 +
        (d.index == 0 || seededHash(seed_, d.unitLocalId, Purpose::kUnmappedName) % 4 == 0);
    position += perUnit[u];
    for (int bump = 0; d.serialNumber.empty() || bySerial_.count(d.serialNumber); ++bump)
      d.serialNumber = serialNumber(seed_, d.unitLocalId, bump);
    if (devices_.empty() && !primaryCloudId.empty()) d.cloudId = primaryCloudId;
    for (int bump = 0; d.cloudId.empty() || byCloudId_.count(d.cloudId); ++bump)
      d.cloudId = cloudId(seed_, d.unitLocalId, bump);
    deviceOfUnit[u] = static_cast<std::uint32_t>(d.index);
    bySerial_.emplace(d.serialNumber, d.index);
    byCloudId_.emplace(d.cloudId, d.index);
    byUnorId_.emplace(d.unorId, d.index);
    devices_.push_back(std::move(d));
  }
  std::uint32_t unmappedPin = position + 1;
  for (AttendanceDevice& d : devices_) {
    d.firstUnmappedPin = unmappedPin;
    unmappedPin += d.unmapped;
  }

  // Pass 2: positions, person indices ascending within each device.
  positions_.resize(position);
  std::vector<std::uint32_t> cursor(devices_.size());
  for (const AttendanceDevice& d : devices_) cursor[d.index] = d.firstPosition;
  for (std::uint64_t i = 0; i < people; ++i) {
    if (unitOfPerson[i] == kNoUnit) continue;
    positions_[cursor[deviceOfUnit[unitOfPerson[i]]]++] = static_cast<std::uint32_t>(i);
  }
}

std::shared_ptr<const AttendanceModel> AttendanceModel::build(const World& world) {
  return std::make_shared<const AttendanceModel>(world.population(),
                                                 world.options().fingerspotCloudId);
}

const AttendanceDevice* AttendanceModel::deviceBySerial(std::string_view serialNumber) const {
  auto it = bySerial_.find(std::string(serialNumber));
  return it == bySerial_.end() ? nullptr : &devices_[it->second];
}

const AttendanceDevice* AttendanceModel::deviceByCloudId(std::string_view cloudId) const {
  auto it = byCloudId_.find(std::string(cloudId));
  return it == byCloudId_.end() ? nullptr : &devices_[it->second];
}

const AttendanceDevice* AttendanceModel::deviceByUnorId(std::string_view unorId) const {
  auto it = byUnorId_.find(std::string(unorId));
  return it == byUnorId_.end() ? nullptr : &devices_[it->second];
}

bool AttendanceModel::knownUnorId(std::string_view unorId) const {
  return allUnorIds_.count(unorId) > 0;
}

const AttendanceDevice& AttendanceModel::deviceOfPosition(std::uint32_t position) const {
  auto it = std::upper_bound(
      devices_.begin(), devices_.end(), position,
      [](std::uint32_t p, const AttendanceDevice& d) { return p < d.firstPosition; });
  return *(it - 1);
}

DeviceUser AttendanceModel::employeeAt(std::uint32_t position) const {
  DeviceUser user;
  std::uint64_t index = positions_[position];
  population::Person p = population_.person(index);
  user.pin = position + 1;
  user.nip = std::move(p.nipBaru);
  user.name = deviceName(p.name);
  user.key = index;
  user.personIndex = index;
  user.verify = verifyOf(seed_, user.key);
  return user;
}

DeviceUser AttendanceModel::user(const AttendanceDevice& device, std::uint32_t k) const {
  if (k < device.employees) return employeeAt(device.firstPosition + k);
  DeviceUser user;
  user.pin = device.firstUnmappedPin + (k - device.employees);
  user.key = kUnmappedKeyBase + user.pin;
  std::uint64_t h = seededHash(seed_, user.key, Purpose::kUnmappedName);
  user.name = std::string(kGivenNames[h % kGivenNames.size()]) + " " +
              std::string(kFamilyNames[(h >> 16) % kFamilyNames.size()]);
  user.verify = verifyOf(seed_, user.key);
  return user;
}

std::optional<DeviceUser> AttendanceModel::userByPin(std::uint32_t pin) const {
  if (pin == 0) return std::nullopt;
  if (pin <= employeeCount()) return employeeAt(pin - 1);
  auto it = std::upper_bound(
      devices_.begin(), devices_.end(), pin,
      [](std::uint32_t p, const AttendanceDevice& d) { return p < d.firstUnmappedPin; });
  if (it == devices_.begin()) return std::nullopt;
  const AttendanceDevice& d = *(it - 1);
  if (pin >= d.firstUnmappedPin + d.unmapped) return std::nullopt;
  return user(d, d.employees + (pin - d.firstUnmappedPin));
}

}  // namespace sinkron::sim
