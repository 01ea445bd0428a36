#pragma once
// Column buffers of the SIMPEG tables: filled with up to one batch of rows, then inserted with
// prepared multi-row INSERTs whose parameters are bound to the buffered values, and cleared.
//
// Why not SOCI's bulk `use(std::vector)` alone: both SOCI 4.0 backends execute a vector bind one
// row per round trip (the MySQL one even re-sends the statement text per row), and the PostgreSQL
// backend neither binds empty vectors nor re-reads refilled ones. Binding each buffered value to
// one placeholder of a "VALUES (...), (...), ..." statement keeps the prepared-statement safety
// with one round trip per kRowsPerStatement rows.
#include <soci/soci.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sinkron/sim/simpeg_model.hpp"

namespace sinkron::sim::simpeg {

// One column: its values and NULL indicators, bound row by row.
class Column {
 public:
  virtual ~Column() = default;
  virtual void bind(soci::details::prepare_temp_type& statement, std::size_t row) = 0;
  virtual void clear() = 0;
};

template <typename T>
class ValueColumn : public Column {
 public:
  void push(T value, bool null = false) {
    values_.push_back(std::move(value));
    indicators_.push_back(null ? soci::i_null : soci::i_ok);
  }
  void bind(soci::details::prepare_temp_type& statement, std::size_t row) override {
    statement, soci::use(values_[row], indicators_[row]);
  }
  void clear() override {
    values_.clear();
    indicators_.clear();
  }

 private:
  std::vector<T> values_;
  std::vector<soci::indicator> indicators_;
};

using IntColumn = ValueColumn<int>;
using BigIntColumn = ValueColumn<long long>;
using TextColumn = ValueColumn<std::string>;

// A table's buffered rows. Subclasses declare their columns in INSERT order and fill one row per
// add(); every column gets exactly one value per row.
class TableBatch {
 public:
  static constexpr std::size_t kRowsPerStatement = 1000;

  virtual ~TableBatch() = default;
  const std::string& table() const { return table_; }
  std::size_t size() const { return rows_; }
  // Inserts the buffered rows (none: nothing) and clears them.
  void flush(soci::session& sql);

 protected:
  explicit TableBatch(std::string table) : table_(std::move(table)) {}
  void declare(std::string name, Column& column) { columns_.push_back({std::move(name), &column}); }
  void rowAdded() { ++rows_; }
  // Empty text as NULL.
  static void pushNullable(TextColumn& column, const std::string& value) {
    column.push(value, value.empty());
  }

 private:
  std::string insertText(std::size_t rows) const;

  std::string table_;
  std::vector<std::pair<std::string, Column*>> columns_;
  std::size_t rows_ = 0;
};

class UnitKerjaBatch : public TableBatch {
 public:
  UnitKerjaBatch();
  void add(const UnitKerjaRow& r);

 private:
  IntColumn id_, skpd_;
  TextColumn nama_, unor_;
};

class JabatanBatch : public TableBatch {
 public:
  JabatanBatch();
  void add(const JabatanRow& r);

 private:
  IntColumn id_, jenis_, unit_, bos_;
  TextColumn nama_, eselon_;
};

class PegawaiBatch : public TableBatch {
 public:
  PegawaiBatch();
  void add(const PegawaiRow& r);
  std::uint32_t firstId() const { return firstId_; }
  std::uint32_t lastId() const { return lastId_; }

 private:
  IntColumn id_, idJ_, unit_, flag_;
  TextColumn nipBaru_, nipLama_, nama_, gelarDepan_, gelarBelakang_, tempatLahir_, tglLahir_, jk_,
      nik_, pangkat_, jenjab_, status_, kedudukan_, tmtCpns_, tmtPns_, tmtGol_, noRef_, email_,
      noHp_, updatedAt_;
  std::uint32_t firstId_ = 0, lastId_ = 0;
};

class RiwayatPangkatBatch : public TableBatch {
 public:
  RiwayatPangkatBatch();
  void add(const RiwayatPangkatRow& r);

 private:
  BigIntColumn id_;
  IntColumn pegawai_;
  TextColumn pangkat_, tmt_, jenis_, noSk_, tglSk_;
};

class RiwayatJabatanBatch : public TableBatch {
 public:
  RiwayatJabatanBatch();
  void add(const RiwayatJabatanRow& r);

 private:
  BigIntColumn id_;
  IntColumn pegawai_, idJ_, unit_;
  TextColumn nama_, eselon_, tmt_, noSk_, tglSk_;
};

class DiklatBatch : public TableBatch {
 public:
  DiklatBatch();
  void add(const DiklatRow& r);

 private:
  BigIntColumn id_;
  IntColumn pegawai_, jam_;
  TextColumn jenis_, nama_, penyelenggara_, mulai_, selesai_, sertifikat_;
};

}  // namespace sinkron::sim::simpeg
