// Forbidden: core is the bottom layer.
#include "domain/models.hpp"
