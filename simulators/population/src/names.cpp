#include "names.hpp"

#include <array>
#include <vector>

namespace sinkron::population {

namespace {

using Names = std::span<const std::string_view>;

// ---- Javanese (including older spellings that survive in registers) ----
constexpr std::string_view kJavaMale[] = {
    "Budi",     "Agus",    "Eko",       "Sutrisno",  "Bambang", "Joko",    "Slamet",   "Heru",
    "Bayu",     "Dwi",     "Teguh",     "Wahyu",     "Hadi",    "Sugeng",  "Suparman", "Puji",
    "Yudi",     "Andi",    "Hari",      "Sri",       "Widodo",  "Suryadi", "Gunawan",  "Aris",
    "Tri",      "Rudi",    "Djoko",     "Soetrisno", "Sarwono", "Subagyo", "Sunarto",  "Triyono",
    "Kuswanto", "Purnomo", "Haryanto",  "Nugroho",   "Sigit",   "Rahmat",  "Dimas",    "Galih",
    "Aditya",   "Tjahjo",  "Soeparman", "Suwarno",   "Wibowo",  "Yanto",   "Darmaji",  "Mulyono"};
constexpr std::string_view kJavaFemale[] = {
    "Sri",          "Dwi",       "Endang", "Sumarni",    "Tri",      "Siti",      "Rini",
    "Wahyu",        "Ratna",     "Yuni",   "Dewi",       "Nining",   "Suryani",   "Lestari",
    "Sulistyowati", "Retno",     "Puji",   "Eni",        "Sutarti",  "Tutik",     "Wiwik",
    "Astuti",       "Kartini",   "Rahayu", "Ani",        "Purwanti", "Setyowati", "Indah",
    "Ayu",          "Handayani", "Nur",    "Sri Rejeki", "Soemarni", "Tjitra",    "Winarti"};
constexpr std::string_view kJavaFamilyMale[] = {
    "Santoso", "Prasetyo", "Setiawan",  "Wibowo",  "Susilo",  "Nugroho",   "Hartono",
    "Purnomo", "Saputra",  "Kurniawan", "Utomo",   "Wijaya",  "Sutanto",   "Supriyanto",
    "Hidayat", "Suharto",  "Soeharto",  "Widodo",  "Riyadi",  "Sulistyo",  "Pranoto",
    "Cahyono", "Raharjo",  "Darmawan",  "Mulyadi", "Haryadi", "Sudarsono", "Djatmiko"};
constexpr std::string_view kJavaFamilyFemale[] = {
    "Wahyuni",      "Lestari",   "Rahayu",       "Handayani",    "Astuti",  "Susanti",
    "Wulandari",    "Kurniasih", "Rahmawati",    "Purwaningsih", "Suryani", "Hastuti",
    "Utami",        "Yulianti",  "Setyaningsih", "Prihatin",     "Mulyani", "Widayati",
    "Sulistyowati", "Pratiwi",   "Indriani"};

// ---- Sundanese ----
constexpr std::string_view kSundaMale[] = {
    "Asep",  "Dede",    "Ujang", "Cecep",  "Dadang", "Yayat",  "Ade",    "Iwan",   "Wawan",
    "Deden", "Nandang", "Agus",  "Encep",  "Jajang", "Endang", "Rohmat", "Ridwan", "Dedi",
    "Aceng", "Engkos",  "Usep",  "Kurnia", "Didin",  "Oman",   "Tatang"};
constexpr std::string_view kSundaFemale[] = {
    "Euis", "Cucu",      "Neneng", "Imas",   "Nenden", "Yeni", "Enung", "Iis",
    "Elis", "Tati",      "Lilis",  "Nining", "Rina",   "Ela",  "Popon", "Teti",
    "Ai",   "Nurhayati", "Dewi",   "Titin",  "Yanti",  "Heni", "Wida"};
constexpr std::string_view kSundaFamilyMale[] = {
    "Saepudin", "Supriadi", "Hidayat", "Kurniawan", "Sudrajat", "Suherman", "Mulyana",
    "Permana",  "Setiawan", "Rusmana", "Sukmana",   "Nugraha",  "Ruhiyat",  "Hermawan",
    "Gunawan",  "Somantri", "Sopandi", "Ramdani",   "Kusnadi"};
constexpr std::string_view kSundaFamilyFemale[] = {
    "Komariah", "Sumiati", "Rohaeni", "Nurhasanah", "Rostiawati", "Herawati", "Kurniasih",
    "Mulyati",  "Suryani", "Nuraeni", "Sopiah",     "Rosmiati",   "Maryani",  "Fitriani"};

// ---- Muslim names common across Malay, Betawi, Banjar, Acehnese and others ----
constexpr std::string_view kMuslimMale[] = {
    "Muhammad", "Ahmad",     "Abdul",      "Rahmat",   "Muhammad Rizki", "Fajar",    "Ilham",
    "Rizal",    "Hasan",     "Ismail",     "Yusuf",    "Hendra",         "Irfan",    "Zainal",
    "Fauzi",    "Syamsul",   "Arif",       "Taufik",   "Hamzah",         "Mohammad", "Nur",
    "Ridho",    "Aminuddin", "Jamaluddin", "Zulkifli", "Mahmud",         "Sulaiman", "Faisal",
    "Iqbal",    "Khairul",   "Ma'ruf",     "Nu'man"};
constexpr std::string_view kMuslimFemale[] = {
    "Siti",   "Nur",     "Nurul",  "Fatimah",   "Aisyah", "Rahmawati", "Khadijah", "Zahra",
    "Aminah", "Halimah", "Maryam", "Nurhayati", "Fitri",  "Rina",      "Yuliana",  "Nadia",
    "Annisa", "Ummi",    "Laila",  "Rahma",     "Salmah", "Zainab",    "Hafsah",   "Rosmini"};
constexpr std::string_view kMuslimFamilyMale[] = {
    "Hidayat",  "Ramadhan", "Syahputra",  "Fauzi",   "Rahman",  "Hakim",   "Kurniawan", "Hasibuan",
    "Iskandar", "Saputra",  "Firmansyah", "Maulana", "Rizki",   "Hamdani", "Effendi",   "Syahrial",
    "Abdullah", "Nasution", "Mansur",     "Harahap", "Ibrahim", "Husain"};
constexpr std::string_view kMuslimFamilyFemale[] = {
    "Aminah",   "Hidayah", "Rahmawati", "Fitriani", "Khairunnisa", "Safitri",   "Marlina",
    "Zulaikha", "Hasanah", "Jannah",    "Fadhilah", "Wulandari",   "Ramadhani", "Azizah"};

// ---- Batak (given name + marga) ----
constexpr std::string_view kBatakMale[] = {
    "Roy",     "Hotman", "Tigor",  "Parlindungan", "Benny",  "Daniel", "Rudolf", "Jhonson",
    "Marihot", "Sahat",  "Poltak", "Togar",        "Bonar",  "Maruli", "Lamhot", "Hendrik",
    "Jansen",  "Ronald", "Darwin", "Rinaldi",      "Gomgom", "Binsar", "Ahmad",  "Pangihutan"};
constexpr std::string_view kBatakFemale[] = {
    "Tiurma",  "Rosmawati", "Dewi",     "Maria",   "Lasma",   "Nurhayati", "Rugun",
    "Sondang", "Duma",      "Tiarma",   "Rosita",  "Mona",    "Hotnida",   "Erna",
    "Lenny",   "Santi",     "Masniari", "Roslina", "Juliana", "Riris"};
constexpr std::string_view kBatakMarga[] = {
    "Siregar",   "Simanjuntak", "Nasution",   "Harahap",   "Lubis",      "Sitompul",  "Situmorang",
    "Pardede",   "Hutapea",     "Sinaga",     "Panjaitan", "Simatupang", "Tambunan",  "Manurung",
    "Sihombing", "Silalahi",    "Pohan",      "Ginting",   "Tarigan",    "Sembiring", "Purba",
    "Saragih",   "Damanik",     "Hutagalung", "Simbolon",  "Napitupulu", "Sitorus",   "Pasaribu",
    "Marpaung",  "Hasibuan",    "Siahaan",    "Sianturi"};

// ---- Minangkabau ----
constexpr std::string_view kMinangMale[] = {
    "Afrizal", "Yusrizal", "Syafrizal", "Zulkifli", "Hendri",   "Irwan",    "Erizal",
    "Jasman",  "Dasril",   "Yulizar",   "Asrul",    "Zulfikar", "Novrizal", "Yondri",
    "Efendi",  "Masril",   "Darmawan",  "Edwar",    "Rusli",    "Buyung"};
constexpr std::string_view kMinangFemale[] = {
    "Yenni",     "Rosmaini", "Fitri", "Yelfi",   "Desmawati", "Nurhasanah",
    "Yusnimar",  "Elfi",     "Nelly", "Yusnita", "Hasnah",    "Rosna",
    "Syofiarni", "Yulnida",  "Meri",  "Elvi",    "Zurniati",  "Yusmaniar"};
constexpr std::string_view kMinangFamily[] = {
    "Chaniago",   "Piliang",           "Koto",   "Tanjung", "Sikumbang", "Jambak", "Caniago",
    "Syamsuddin", "Dt. Rajo Mangkuto", "Rasyid", "Yunus",   "Malik",     "Nasir",  "Idris",
    "Zainuddin"};

// ---- Bugis / Makassar ----
constexpr std::string_view kBugisMale[] = {
    "Andi Muhammad", "Syamsuddin", "Hasanuddin", "Abdul Haris", "Arifin",    "Muh. Ilham",
    "Andi",          "Baharuddin", "Saharuddin", "Haeruddin",   "Jumadi",    "Sukri",
    "Amiruddin",     "Nasrullah",  "Ansar",      "Akbar",       "Irwansyah", "Rusdi"};
constexpr std::string_view kBugisFemale[] = {
    "Andi Nurhaedah", "Sitti Rahmah", "Hasnah",    "Nurhaedah", "Rismawati", "Kartini",
    "Andi",           "Sitti",        "Hasmawati", "Jumriah",   "Nurlina",   "Rahmatia",
    "Haslinda",       "Irmawati",     "Suriani",   "Mardiana"};
constexpr std::string_view kBugisFamily[] = {"Rauf",     "Latief",   "Mappaseng",     "Palinrungi",
                                             "Makkasau", "Amir",     "Sanusi",        "Hamid",
                                             "Rasyid",   "Mappiare", "Daeng Ngitung", "Tahir",
                                             "Baso",     "Patongai", "Mattalatta"};

// ---- Balinese (birth-order and caste prefixes) ----
constexpr std::string_view kBaliMalePrefix[] = {
    "I Wayan",   "I Made",          "I Nyoman",    "I Ketut",        "I Putu",
    "I Gede",    "I Kadek",         "I Komang",    "I Gusti Ngurah", "I Gusti Bagus",
    "Ida Bagus", "Anak Agung Gede", "I Gusti Made"};
constexpr std::string_view kBaliFemalePrefix[] = {
    "Ni Luh",         "Ni Made",    "Ni Wayan",    "Ni Nyoman",   "Ni Ketut",
    "Ni Putu",        "Ni Kadek",   "Ni Luh Putu", "I Gusti Ayu", "Ida Ayu",
    "Anak Agung Ayu", "Desak Made", "Ni Komang"};
constexpr std::string_view kBaliMale[] = {
    "Sudarsana", "Suparta", "Wirawan",  "Adnyana",  "Suardana", "Widiana", "Mahendra", "Artawan",
    "Sukadana",  "Arsana",  "Suarjana", "Budiarta", "Darmawan", "Sutama",  "Wijaya",   "Astawa"};
constexpr std::string_view kBaliFemale[] = {
    "Sri Wahyuni", "Ayu Lestari", "Sukarmini", "Suartini", "Widiastuti", "Ariani",      "Sudiani",
    "Kartika",     "Puspawati",   "Suryani",   "Sukerti",  "Mariani",    "Rai Wahyuni", "Dewi"};
constexpr std::string_view kBaliFamily[] = {"Putra",  "Putri",   "Pratama", "Wiguna", "Yasa",
                                            "Antara", "Permana", "Jaya",    "Dharma", "Wirawan"};

// ---- Chinese-Indonesian ----
constexpr std::string_view kChineseMale[] = {
    "Hendra", "Budi",   "Stefanus", "Yohanes", "Kevin",  "Felix",   "Andreas", "Gunawan",
    "Rudy",   "Wilson", "Hartono",  "Johan",   "Edward", "Michael", "Liem",    "Tjong"};
constexpr std::string_view kChineseFemale[] = {
    "Lina",    "Susanti", "Melinda", "Veronika", "Jessica", "Lanny", "Fransisca", "Lily",
    "Meliana", "Yenny",   "Cynthia", "Linda",    "Shinta",  "Ivana", "Mei Ling"};
constexpr std::string_view kChineseFamily[] = {
    "Wijaya",     "Gunawan", "Halim",   "Tanoto",  "Salim", "Kusuma", "Hartono", "Setiawan",
    "Tanuwijaya", "Santoso", "Sutanto", "Gozali",  "Lim",   "Tan",    "Lie",     "Tjandra",
    "Tjahjadi",   "Chandra", "Widjaja", "Hidayat", "Liman", "Susanto"};

// ---- Christian names of Manado, Maluku, NTT and Papua ----
constexpr std::string_view kEastMale[] = {
    "Yohanes", "Fransiskus", "Agustinus", "Yosef", "Petrus",   "Markus",    "Stevanus",
    "Yulius",  "Aloysius",   "Daniel",    "Frans", "Johny",    "Marthen",   "Yakob",
    "Herman",  "Robert",     "Paulus",    "Simon", "Kornelis", "Benediktus"};
constexpr std::string_view kEastFemale[] = {
    "Maria",    "Theresia",  "Elisabeth", "Yuliana", "Agustina",  "Margaretha",
    "Veronika", "Fransiska", "Anastasia", "Yohana",  "Magdalena", "Martha",
    "Debora",   "Priskila",  "Olivia",    "Meyti",   "Selvi"};
constexpr std::string_view kEastFamily[] = {
    "Rumengan",      "Lumentut", "Wenas",     "Pangemanan", "Sondakh",   "Rondonuwu", "Latuconsina",
    "Pattinasarany", "Tuhumury", "Wattimena", "Leimena",    "Fernandez", "Da Costa",  "Ndun",
    "Bria",          "Manek",    "Seran",     "Wenda",      "Rumbiak",   "Kambu",     "Wonda",
    "Karubaba",      "Mandacan", "Pello",     "Lakonawa",   "Sinaga"};

// ---- Birth places: {name, province, regency, is a kabupaten/kota} ----
constexpr Place kJavaPlaces[] = {
    {"Yogyakarta", 34, 71, true}, {"Sleman", 34, 4, true},      {"Bantul", 34, 2, true},
    {"Klaten", 33, 10, true},     {"Surakarta", 33, 72, true},  {"Semarang", 33, 74, true},
    {"Magelang", 33, 8, true},    {"Purworejo", 33, 6, true},   {"Kebumen", 33, 5, true},
    {"Banyumas", 33, 2, true},    {"Surabaya", 35, 78, true},   {"Malang", 35, 7, true},
    {"Kediri", 35, 6, true},      {"Madiun", 35, 19, true},     {"Blitar", 35, 5, true},
    {"Jember", 35, 9, true},      {"Boyolali", 33, 9, true},    {"Sragen", 33, 14, true},
    {"Wonogiri", 33, 12, true},   {"Gunungkidul", 34, 3, true}, {"Pati", 33, 18, true},
    {"Tegal", 33, 28, true},      {"Pekalongan", 33, 26, true}, {"Ngawi", 35, 21, true},
    {"Ponorogo", 35, 2, true},    {"Solo", 33, 72, false},      {"Wates", 34, 1, false}};
constexpr Place kSundaPlaces[] = {
    {"Bandung", 32, 73, true},    {"Bogor", 32, 1, true},     {"Garut", 32, 5, true},
    {"Tasikmalaya", 32, 6, true}, {"Sukabumi", 32, 2, true},  {"Cianjur", 32, 3, true},
    {"Cirebon", 32, 9, true},     {"Kuningan", 32, 8, true},  {"Sumedang", 32, 11, true},
    {"Majalengka", 32, 10, true}, {"Ciamis", 32, 7, true},    {"Subang", 32, 13, true},
    {"Purwakarta", 32, 14, true}, {"Karawang", 32, 15, true}, {"Cimahi", 32, 77, true}};
constexpr Place kMuslimPlaces[] = {
    {"Jakarta", 31, 71, true},        {"Banda Aceh", 11, 71, true},
    {"Pekanbaru", 14, 71, true},      {"Jambi", 15, 71, true},
    {"Palembang", 16, 71, true},      {"Bengkulu", 17, 71, true},
    {"Bandar Lampung", 18, 71, true}, {"Pontianak", 61, 71, true},
    {"Banjarmasin", 63, 71, true},    {"Samarinda", 64, 72, true},
    {"Mataram", 52, 71, true},        {"Serang", 36, 4, true},
    {"Tangerang", 36, 71, true},      {"Bekasi", 32, 75, true},
    {"Depok", 32, 76, true},          {"Gorontalo", 75, 71, true},
    {"Palu", 72, 71, true},           {"Kendari", 74, 71, true},
    {"Ternate", 82, 71, true},        {"Pangkalpinang", 19, 71, true},
    {"Tanjungpinang", 21, 72, true},  {"Lhokseumawe", 11, 73, true},
    {"Dumai", 14, 72, true},          {"Martapura", 63, 3, false},
    {"Bima", 52, 72, true},           {"Lombok Timur", 52, 3, true},
    {"Palangka Raya", 62, 71, true}};
constexpr Place kBatakPlaces[] = {
    {"Medan", 12, 71, true},         {"Tarutung", 12, 5, false},
    {"Balige", 12, 12, false},       {"Pematangsiantar", 12, 72, true},
    {"Sibolga", 12, 73, true},       {"Padangsidimpuan", 12, 77, true},
    {"Kabanjahe", 12, 6, false},     {"Samosir", 12, 17, true},
    {"Deli Serdang", 12, 7, true},   {"Sidikalang", 12, 11, false},
    {"Tapanuli Utara", 12, 5, true}, {"Karo", 12, 6, true}};
constexpr Place kMinangPlaces[] = {
    {"Padang", 13, 71, true},     {"Bukittinggi", 13, 75, true},    {"Payakumbuh", 13, 76, true},
    {"Solok", 13, 72, true},      {"Pariaman", 13, 77, true},       {"Batusangkar", 13, 4, false},
    {"Agam", 13, 6, true},        {"Padang Panjang", 13, 74, true}, {"Painan", 13, 1, false},
    {"Tanah Datar", 13, 4, true}, {"Pesisir Selatan", 13, 1, true}};
constexpr Place kBugisPlaces[] = {
    {"Makassar", 73, 71, true},  {"Bone", 73, 8, true},      {"Parepare", 73, 72, true},
    {"Wajo", 73, 13, true},      {"Soppeng", 73, 12, true},  {"Sidrap", 73, 14, true},
    {"Pinrang", 73, 15, true},   {"Gowa", 73, 6, true},      {"Bulukumba", 73, 2, true},
    {"Palopo", 73, 73, true},    {"Maros", 73, 9, true},     {"Ujung Pandang", 73, 71, false},
    {"Watampone", 73, 8, false}, {"Sengkang", 73, 13, false}};
constexpr Place kBaliPlaces[] = {
    {"Denpasar", 51, 71, true},  {"Gianyar", 51, 4, true},    {"Tabanan", 51, 2, true},
    {"Badung", 51, 3, true},     {"Buleleng", 51, 8, true},   {"Klungkung", 51, 5, true},
    {"Bangli", 51, 6, true},     {"Karangasem", 51, 7, true}, {"Jembrana", 51, 1, true},
    {"Singaraja", 51, 8, false}, {"Negara", 51, 1, false}};
constexpr Place kChinesePlaces[] = {
    {"Jakarta", 31, 71, true},   {"Medan", 12, 71, true},         {"Surabaya", 35, 78, true},
    {"Semarang", 33, 74, true},  {"Pontianak", 61, 71, true},     {"Singkawang", 61, 72, true},
    {"Bandung", 32, 73, true},   {"Makassar", 73, 71, true},      {"Pangkalpinang", 19, 71, true},
    {"Tangerang", 36, 71, true}, {"Bagansiapiapi", 14, 7, false}, {"Manado", 71, 71, true}};
constexpr Place kEastPlaces[] = {
    {"Manado", 71, 71, true},     {"Tomohon", 71, 73, true},   {"Minahasa", 71, 2, true},
    {"Ambon", 81, 71, true},      {"Tual", 81, 72, true},      {"Kupang", 53, 71, true},
    {"Ende", 53, 8, true},        {"Belu", 53, 4, true},       {"Sikka", 53, 10, true},
    {"Jayapura", 91, 71, true},   {"Manokwari", 92, 2, true},  {"Sorong", 92, 71, true},
    {"Biak Numfor", 91, 6, true}, {"Jayawijaya", 91, 2, true}, {"Atambua", 53, 4, false},
    {"Maumere", 53, 10, false},   {"Tondano", 71, 2, false},   {"Bitung", 71, 72, true}};

struct GroupTable {
  double weight;
  bool muslim;
  Names male, female, familyMale, familyFemale;
  double familyRate;  // share of people carrying a family part
  std::span<const Place> places;
};

constexpr GroupTable kGroups[] = {
    {0.34, true, kJavaMale, kJavaFemale, kJavaFamilyMale, kJavaFamilyFemale, 0.7, kJavaPlaces},
    {0.13, true, kSundaMale, kSundaFemale, kSundaFamilyMale, kSundaFamilyFemale, 0.6, kSundaPlaces},
    {0.17, true, kMuslimMale, kMuslimFemale, kMuslimFamilyMale, kMuslimFamilyFemale, 0.75,
     kMuslimPlaces},
    {0.06, false, kBatakMale, kBatakFemale, kBatakMarga, kBatakMarga, 1.0, kBatakPlaces},
    {0.05, true, kMinangMale, kMinangFemale, kMinangFamily, kMinangFamily, 0.35, kMinangPlaces},
    {0.06, true, kBugisMale, kBugisFemale, kBugisFamily, kBugisFamily, 0.3, kBugisPlaces},
    {0.04, false, kBaliMale, kBaliFemale, kBaliFamily, kBaliFamily, 0.0, kBaliPlaces},
    {0.03, false, kChineseMale, kChineseFemale, kChineseFamily, kChineseFamily, 0.9,
     kChinesePlaces},
    {0.12, false, kEastMale, kEastFemale, kEastFamily, kEastFamily, 0.9, kEastPlaces},
};

const GroupTable& table(NameGroup g) {
  return kGroups[static_cast<int>(g)];
}

}  // namespace

NameGroup pickNameGroup(Rng& rng) {
  double u = rng.uniform();
  for (std::size_t i = 0; i < std::size(kGroups); ++i) {
    u -= kGroups[i].weight;
    if (u < 0) return static_cast<NameGroup>(i);
  }
  return NameGroup::kJavanese;
}

bool isMuslimGroup(NameGroup group) {
  return table(group).muslim;
}

void makeGivenName(NameGroup group, Sex sex, Rng& rng, std::string& given) {
  const GroupTable& t = table(group);
  bool male = sex == Sex::kMale;
  given.clear();
  if (group == NameGroup::kBalinese) {
    given.append(rng.pick(Names(male ? kBaliMalePrefix : kBaliFemalePrefix)));
    given.push_back(' ');
  } else if (group == NameGroup::kBatak && !male && rng.chance(0.1)) {
    given.append("Rotua ");  // a second given name occurs
  }
  given.append(rng.pickZipf(male ? t.male : t.female));
}

void makeName(NameGroup group, Sex sex, bool needFamily, Rng& rng, std::string& given,
              std::string& family) {
  const GroupTable& t = table(group);
  makeGivenName(group, sex, rng, given);
  family.clear();
  bool male = sex == Sex::kMale;
  if (needFamily || rng.chance(t.familyRate)) {
    family.append(rng.pickZipf(male ? t.familyMale : t.familyFemale));
    if (family == given) family.clear();
    if (family.empty()) family.append((male ? t.familyMale : t.familyFemale).front());
    if (family == given) family = male ? "Saputra" : "Wulandari";
  } else if (group == NameGroup::kBalinese && rng.chance(0.2)) {
    family.append(male ? "Putra" : "Putri");
  }
}

const Place& pickBirthPlace(NameGroup group, Rng& rng) {
  return rng.pickZipf(table(group).places);
}

std::span<const Place> regions() {
  static const std::vector<Place> kRegions = [] {
    std::vector<Place> out;
    for (const GroupTable& g : kGroups) {
      for (const Place& p : g.places) {
        if (!p.isRegion) continue;
        bool seen = false;
        for (const Place& q : out)
          seen = seen || (q.province == p.province && q.regency == p.regency);
        if (!seen) out.push_back(p);
      }
    }
    return out;
  }();
  return kRegions;
}

int regionIndexOf(const Place& place) {
  static const std::vector<int> kByCode = [] {
    std::vector<int> byCode(100 * 100, -1);
    std::span<const Place> rs = regions();
    for (std::size_t i = 0; i < rs.size(); ++i)
      byCode[static_cast<std::size_t>(rs[i].province * 100 + rs[i].regency)] = static_cast<int>(i);
    return byCode;
  }();
  return kByCode[static_cast<std::size_t>(place.province * 100 + place.regency)];
}

}  // namespace sinkron::population
