// A database that cannot be opened at start: the message says what is wrong
// and how to fix it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "store/db.hpp"
#include "support/test_db.hpp"

namespace evient::test {
namespace {

namespace fs = std::filesystem;

class StartupErrorsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (test_engine() != "sqlite") GTEST_SKIP() << "SQLite files only";
    dir_ = fs::temp_directory_path() / ("evient_start_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) {
      fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add, ec);
      fs::remove_all(dir_, ec);
    }
  }
  std::string open_error(const fs::path& path) {
    try {
      store::open_sqlite({.url = path.string(), .pool_size = 1});
    } catch (const std::exception& e) {
      return e.what();
    }
    ADD_FAILURE() << "opened " << path;
    return {};
  }

  fs::path dir_;
};

void expect_mentions(const std::string& message, const std::string& part) {
  EXPECT_NE(message.find(part), std::string::npos) << message;
}

TEST_F(StartupErrorsTest, DirectoryThatCannotBeCreated) {
  std::ofstream(dir_ / "plain-file") << "x";
  const std::string message = open_error(dir_ / "plain-file" / "data" / "evient.db");
  expect_mentions(message, (dir_ / "plain-file" / "data" / "evient.db").string());
  expect_mentions(message, "EVIENT_DB");
}

TEST_F(StartupErrorsTest, ADirectoryWhereTheFileShouldBe) {
  fs::create_directories(dir_ / "evient.db");
  const std::string message = open_error(dir_ / "evient.db");
  expect_mentions(message, "is a directory");
  expect_mentions(message, "EVIENT_DB");
}

TEST_F(StartupErrorsTest, AFileThatIsNotADatabase) {
  std::ofstream(dir_ / "notes.txt") << std::string(4096, 'x');
  const std::string message = open_error(dir_ / "notes.txt");
  expect_mentions(message, "is not an SQLite database");
}

TEST_F(StartupErrorsTest, UnwritableDirectory) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes anywhere";
  fs::create_directories(dir_ / "locked");
  fs::permissions(dir_ / "locked", fs::perms::owner_read | fs::perms::owner_exec);
  const std::string message = open_error(dir_ / "locked" / "evient.db");
  expect_mentions(message, "not writable");
  expect_mentions(message, "chmod");
}

std::string run_migrate(const fs::path& db) {
  const std::string command = std::string(EVIENT_BINARY) + " migrate --db " + db.string() + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return "popen failed";
  std::string output;
  std::array<char, 512> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe)) output += buffer.data();
  EXPECT_NE(::pclose(pipe), 0) << output;
  return output;
}

TEST_F(StartupErrorsTest, TheBinarySaysItToo) {
  fs::create_directories(dir_ / "evient.db");
  const std::string output = run_migrate(dir_ / "evient.db");
  expect_mentions(output, "is a directory");
  expect_mentions(output, "EVIENT_DB");
  std::ofstream(dir_ / "plain-file") << "x";
  const std::string missing = run_migrate(dir_ / "plain-file" / "evient.db");
  expect_mentions(missing, "plain-file");
  expect_mentions(missing, "EVIENT_DB");
}

}  // namespace
}  // namespace evient::test
