#include "store/sqlite/sqlite_diagnosis.hpp"

#include <unistd.h>

#include <filesystem>

namespace evient::store::sqlite {
namespace {

namespace fs = std::filesystem;

std::string this_user() {
  return "this user (uid " + std::to_string(::geteuid()) + ")";
}

// What is wrong with the path, as far as the file system can tell.
std::string diagnose(const fs::path& path, const std::string& sqlite_message) {
  std::error_code ec;
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (!fs::exists(dir, ec)) return "the directory " + dir.string() + " does not exist";
  if (!fs::is_directory(dir, ec)) return dir.string() + " is not a directory";
  if (fs::is_directory(path, ec)) return path.string() + " is a directory, not a database file";
  if (fs::exists(path, ec)) {
    if (!fs::is_regular_file(path, ec)) return path.string() + " is not a regular file";
    if (::access(path.c_str(), R_OK | W_OK) != 0) {
      return path.string() + " is not readable and writable by " + this_user() +
             ": fix its owner or mode (chown, chmod u+rw)";
    }
    if (sqlite_message.find("not a database") != std::string::npos) {
      return path.string() + " is not an SQLite database (another file at that path?)";
    }
  }
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    return "the directory " + dir.string() + " is not writable by " + this_user() +
           " (SQLite writes its -wal and -shm files beside the database): fix its owner or "
           "mode (chown, chmod u+rwx)";
  }
  if (sqlite_message.find("full") != std::string::npos) {
    return "the disk holding " + dir.string() + " is full: free some space";
  }
  return {};
}

}  // namespace

std::string explain_open_failure(const std::string& path, const std::string& sqlite_message) {
  std::string message = "cannot open the SQLite database " + path + ": " + sqlite_message;
  if (const std::string why = diagnose(fs::path(path), sqlite_message); !why.empty()) {
    message += "; " + why;
  }
  message += ". Set EVIENT_DB (or --db) to a database file in a directory this user can write";
  return message;
}

}  // namespace evient::store::sqlite
