// Forbidden: services know no HTTP.
#include "http/message.hpp"
