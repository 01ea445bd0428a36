#include "ports_file.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace sinkron::simapp {

Status writePortsFile(const std::filesystem::path& path,
                      const std::vector<std::pair<std::string, std::string>>& urls) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  for (const auto& [name, url] : urls) {
    w.Key(name.c_str());
    w.String(url.c_str());
  }
  w.EndObject();

  std::filesystem::path temporary = path;
  temporary += ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << buffer.GetString() << '\n';
    out.close();
    if (!out) return Error::io(temporary.string() + ": cannot write: " + std::strerror(errno));
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::string message = path.string() + ": cannot write: " + ec.message();
    std::filesystem::remove(temporary, ec);
    return Error::io(message);
  }
  return {};
}

}  // namespace sinkron::simapp
