#pragma once
// Start-up messages for a SQLite database that cannot be opened or written:
// what is wrong, in the operator's terms, and how to fix it.
#include <string>

namespace evient::store::sqlite {

// `sqlite_message` is SQLite's (or the file system's) own words. The result
// names the path, what is wrong with it (missing or unwritable directory, a
// directory or another kind of file where the database should be, a read-only
// file) and the way out (permissions, or EVIENT_DB / --db elsewhere).
std::string explain_open_failure(const std::string& path, const std::string& sqlite_message);

}  // namespace evient::store::sqlite
