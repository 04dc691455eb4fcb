import Foundation
import Hummingbird

/// The blob store for admins: `GET /store` (sizes and the last gc run) and `POST /store/gc`
/// (collect now, with the catalog as roots and the configured grace period).
enum StoreRoutes {
    static func add(to api: APIRouter) {
        let collector = api.services.storeCollector
        let configuration = api.services.configuration
        api.schema("Store", APIStore.schema)
        api.schema("StoreGCRun", APIStore.runSchema)

        api.add(APIRoute(.get, "/store", id: "getStore", tag: "store", access: .admin,
                         summary: "The store's size, the part the catalog reaches, what gc would free now, and the last gc run.",
                         responses: [200: .json(.ref("Store"))])) { _, _ in
            try Response.json(try await APIStore.load(collector, configuration: configuration))
        }

        api.add(APIRoute(.post, "/store/gc", id: "collectStore", tag: "store", access: .admin,
                         summary: "Run the store's gc now (in a cluster: on the master only; 409 elsewhere); answers what it freed.",
                         responses: [200: .json(.ref("StoreGCRun"))])) { _, context in
            let me = try context.requireIdentity().user
            do {
                return try Response.json(try await collector.collect(trigger: .admin, by: .user(me.id)))
            } catch let refusal as StoreCollector.NotMaster {
                throw Problem.conflict("This node is not the cluster's master: \(refusal).")
            }
        }
    }
}
