#pragma once
// The store's handles as the services' interfaces name them: declared here, not
// defined, so that including a service's header never brings the store's
// headers along (api, which includes the services, cannot see the store).
namespace evient::store {
class Database;
class Tx;
}  // namespace evient::store
