// Allowed: api includes the services, http and the domain (the control: the
// probes that must fail use the same compile, so their failure is the include).
#include "domain/views.hpp"
#include "http/router.hpp"
#include "services/order_service.hpp"
#include "services/scanner_service.hpp"
