# The one place that finds sinkron's dependencies. All come from Debian 12 packages
# (deploy/setup-debian.sh installs them); versions are Debian bookworm's.
find_package(Threads REQUIRED)
find_package(RapidJSON REQUIRED)          # rapidjson-dev 1.1
find_package(yaml-cpp REQUIRED)           # libyaml-cpp-dev 0.7: mapping files, keeps line numbers
find_package(CLI11 REQUIRED)              # libcli11-dev 2.1: subcommands and --help
find_package(fmt REQUIRED)                # libfmt-dev 9
find_package(spdlog REQUIRED)             # libspdlog-dev 1.10: structured logs
find_package(Boost 1.81 REQUIRED)           # libboost1.81-dev: Asio + Beast (simulators, servers)
find_package(OpenSSL 3 REQUIRED)          # libssl-dev: TLS for servers and clients
find_package(ZLIB REQUIRED)               # zlib1g-dev: the simulators gzip their JSON answers
find_package(CURL REQUIRED)               # libcurl4-openssl-dev 7.88: the connectors' HTTP client
find_package(PkgConfig REQUIRED)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)  # libxlsxwriter-dev 1.1
# libdeflate-dev 1.14: whole-buffer gzip decoding in the HTTP client, 2-3x faster than zlib
pkg_check_modules(LIBDEFLATE REQUIRED IMPORTED_TARGET libdeflate)
if(SINKRON_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)         # catch2 2.13 (Debian's v2)
  list(APPEND CMAKE_MODULE_PATH /usr/lib/cmake/Catch2)
endif()

if(NOT TARGET sinkron_rapidjson)
  add_library(sinkron_rapidjson INTERFACE)
  target_include_directories(sinkron_rapidjson SYSTEM INTERFACE ${RAPIDJSON_INCLUDE_DIRS})
  target_compile_definitions(sinkron_rapidjson INTERFACE RAPIDJSON_HAS_STDSTRING=1 RAPIDJSON_SSE2=1)
  add_library(sinkron::rapidjson ALIAS sinkron_rapidjson)
endif()

# SOCI 4.0 (libsoci-dev) ships no CMake config on Debian 12: one INTERFACE target for the core and
# the SQLite (state store), PostgreSQL and MySQL/MariaDB backends.
if(NOT TARGET sinkron_soci)
  find_path(SINKRON_SOCI_INCLUDE_DIR soci/soci.h PATHS /usr/include REQUIRED)
  find_path(SINKRON_PQ_INCLUDE_DIR libpq-fe.h PATH_SUFFIXES postgresql REQUIRED)
  find_path(SINKRON_MYSQL_INCLUDE_DIR mysql.h PATH_SUFFIXES mariadb mysql REQUIRED)
  find_library(SINKRON_SOCI_CORE soci_core REQUIRED)
  find_library(SINKRON_SOCI_SQLITE3 soci_sqlite3 REQUIRED)
  find_library(SINKRON_SOCI_POSTGRESQL soci_postgresql REQUIRED)
  find_library(SINKRON_SOCI_MYSQL soci_mysql REQUIRED)
  add_library(sinkron_soci INTERFACE)
  target_include_directories(sinkron_soci SYSTEM INTERFACE
    ${SINKRON_SOCI_INCLUDE_DIR} ${SINKRON_PQ_INCLUDE_DIR} ${SINKRON_MYSQL_INCLUDE_DIR})
  target_link_libraries(sinkron_soci INTERFACE ${SINKRON_SOCI_SQLITE3} ${SINKRON_SOCI_POSTGRESQL}
    ${SINKRON_SOCI_MYSQL} ${SINKRON_SOCI_CORE} ${CMAKE_DL_LIBS})
  add_library(sinkron::soci ALIAS sinkron_soci)
endif()
