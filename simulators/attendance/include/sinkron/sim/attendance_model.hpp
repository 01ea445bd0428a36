#pragma once
// AttendanceModel: who punches which fingerprint device and when, derived deterministically from
// the seeded population (seed + person + date). Every attendance simulator (ADMS devices, the
// Fingerspot-style cloud, the e-presensi app) reads the same model, so they agree per person-day.
//
// - One device per work unit that has active employees (kedudukan "01"); devices are ordered by
//   employee count (largest first), ties by SIMPEG id_unit_kerja.
// - PINs are small integers, unique across devices: the employees of device 0 get 1..n0, those
//   of device 1 get n0+1.., ...; after all employees come the device users with no NIP mapping
//   (honorary staff, guards), a real failure mode for PIN->NIP maps: employees/30 per device,
//   one more on about a quarter of the devices and always at least one on device 0.
// - Working days: Monday to Friday except the fixed-date national holidays (1 January, 1 May,
//   1 June, 17 August, 25 December). Moveable holidays (Idul Fitri, Nyepi, Waisak, ...) and
//   cuti bersama are not modelled.
// - Per working day a person is present (in 06:30-07:30, ~12% late 07:30-08:15; out 15:30-17:30;
//   ~2% forget to punch out; ~3% press twice on arrival) or away for a spell of one to several
//   days: izin ~1%, sakit ~2%, cuti ~2.5%, dinas luar ~2%, tanpa keterangan ~0.7% of days.
// - Times are device-local wall-clock times (WIB/WITA/WIT by region, no zone in the data).
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sinkron/mappings/civil_date.hpp"
#include "sinkron/population/generator.hpp"

namespace sinkron::sim {

class World;

// ADMS / Fingerspot punch status and verify codes.
constexpr int kStatusCheckIn = 0, kStatusCheckOut = 1;
constexpr int kVerifyFinger = 1, kVerifyCard = 3, kVerifyFace = 15;

// A person-day as the regional e-presensi app labels it.
enum class DayStatus : std::uint8_t {
  kHadir,            // H: present (punches exist)
  kIzin,             // I: permission
  kSakit,            // S: sick
  kCuti,             // C: leave
  kDinasLuar,        // DL: official travel
  kTanpaKeterangan,  // TK: absent without notice
  kOff,              // not a working day (never reported)
};
std::string_view dayStatusCode(DayStatus status);  // "H", "I", "S", "C", "DL", "TK", ""

bool isWorkingDay(const mappings::CivilDate& date);

// One punch as the device records it (true status/verify; a swapped firmware swaps them only on
// the wire, see admsLine).
struct Punch {
  std::string deviceSn;
  std::string pin;
  std::string time;  // "YYYY-MM-DD HH:MM:SS", device-local
  int status = kStatusCheckIn;
  int verify = kVerifyFinger;
  std::string nip;  // empty when the PIN has no NIP mapping
};

// The ATTLOG line a device sends: "PIN\tTIME\tSTATUS\tVERIFY\tWORKCODE\tRESERVED\tRESERVED".
// `swappedFirmware` writes verify in the status column and status in the verify column.
std::string admsLine(const Punch& punch, bool swappedFirmware);

struct PersonDay {
  DayStatus status = DayStatus::kOff;
  int inSecond = -1;      // seconds after local midnight; -1 = none
  int repeatSecond = -1;  // a second check-in press a little later; -1 = none
  int outSecond = -1;     // -1 = no check-out punch (forgot)
};

struct AttendanceDevice {
  std::size_t index = 0;     // position in AttendanceModel::devices()
  std::string serialNumber;  // "CQZ7224560123"
  std::string cloudId;       // Fingerspot cloud id (device 0: WorldOptions::fingerspotCloudId)
  std::uint32_t unitLocalId = 0;
  std::string unorId;               // SIASN unit id
  std::string unitName;             // the unit's local name, used as e-presensi "lokasi"
  std::uint32_t firstPosition = 0;  // employees are positions [first, first + employees)
  std::uint32_t employees = 0;
  std::uint32_t firstUnmappedPin = 0;  // unmapped users have PINs [first, first + unmapped)
  std::uint32_t unmapped = 0;
  std::uint32_t userCount() const { return employees + unmapped; }
};

struct DeviceUser {
  std::uint32_t pin = 0;
  std::string nip;   // empty: no NIP mapping
  std::string name;  // as enrolled on the device (at most 24 characters)
  int verify = kVerifyFinger;
  std::uint64_t key = 0;  // what the person-day hash uses: the person index, or a key per PIN
  std::optional<std::uint64_t> personIndex;
};

class AttendanceModel {
 public:
  // Scans the population once (well under a microsecond per person).
  AttendanceModel(const population::PopulationGenerator& population, std::string primaryCloudId);
  static std::shared_ptr<const AttendanceModel> build(const World& world);

  const population::PopulationGenerator& population() const { return population_; }
  std::span<const AttendanceDevice> devices() const { return devices_; }
  const AttendanceDevice* deviceBySerial(std::string_view serialNumber) const;
  const AttendanceDevice* deviceByCloudId(std::string_view cloudId) const;
  const AttendanceDevice* deviceByUnorId(std::string_view unorId) const;
  // Whether `unorId` names a unit of the organisation at all (with or without employees).
  bool knownUnorId(std::string_view unorId) const;

  // Employees who punch, grouped by device; position p has PIN p + 1.
  std::uint32_t employeeCount() const { return static_cast<std::uint32_t>(positions_.size()); }
  std::uint64_t personAt(std::uint32_t position) const { return positions_[position]; }
  const AttendanceDevice& deviceOfPosition(std::uint32_t position) const;

  // The k-th user of a device (k < userCount()): its employees first, then unmapped users.
  DeviceUser user(const AttendanceDevice& device, std::uint32_t k) const;
  std::optional<DeviceUser> userByPin(std::uint32_t pin) const;
  // The employee at a position, as the device knows them.
  DeviceUser employeeAt(std::uint32_t position) const;

  PersonDay personDay(std::uint64_t userKey, const mappings::CivilDate& date) const;
  // The punches of a device on a date, ordered by time then PIN.
  std::vector<Punch> punches(const AttendanceDevice& device, const mappings::CivilDate& date) const;
  // The punches of one user on a date, in time order.
  void appendPunches(const AttendanceDevice& device, const DeviceUser& user,
                     const mappings::CivilDate& date, std::vector<Punch>& out) const;

 private:
  population::PopulationGenerator population_;
  std::uint64_t seed_;
  std::vector<AttendanceDevice> devices_;
  std::vector<std::uint32_t> positions_;  // person index per position
  std::unordered_map<std::string, std::size_t> bySerial_, byCloudId_, byUnorId_;
  std::unordered_set<std::string_view> allUnorIds_;  // every unit of the organisation
};

// "HH:MM:SS" for seconds after midnight.
std::string clockTime(int secondOfDay);

}  // namespace sinkron::sim
