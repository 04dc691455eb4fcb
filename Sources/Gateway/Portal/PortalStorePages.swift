import Foundation
import Hummingbird

/// `/admin/store` (admins): the store's size, the part the catalog reaches, what gc would free
/// now, the last gc run, and "Collect now".
enum PortalStorePages {
    static func add(_ portal: Portal) {
        let page: Portal.Page = { call in
            let configuration = call.services.configuration
            let store = try await APIStore.load(call.services.storeCollector, configuration: configuration)
            var values: [String: Any] = [
                "size": PortalFormat.size(store.bytes), "blobs": store.blobs,
                "reachable": PortalFormat.size(store.reachableBytes), "reachableBlobs": store.reachableBlobs,
                "reclaimable": PortalFormat.size(store.reclaimableBytes), "reclaimableBlobs": store.reclaimableBlobs,
                "young": PortalFormat.size(store.youngBytes), "youngBlobs": store.youngBlobs,
                "grace": duration(store.graceSeconds),
                "schedule": store.intervalSeconds > 0 ? "every \(duration(store.intervalSeconds))" : "off",
                "clustered": configuration.isCluster,
            ]
            if let run = store.lastRun {
                values["lastRun"] = [
                    "at": PortalFormat.date(run.at), "node": run.node, "trigger": run.trigger.rawValue,
                    "freed": PortalFormat.size(run.deletedBytes), "freedBlobs": run.deletedBlobs,
                    "seconds": String(format: "%.1f", run.seconds), "stopped": run.stopped,
                ]
            }
            return PortalView("store", title: "Store", values)
        }
        portal.page("/admin/store", access: .admin, page)
        portal.form("/admin/store", access: .admin, page: page) { call, _ in
            do {
                let run = try await call.services.storeCollector.collect(trigger: .admin, by: call.actor)
                return .redirect("/admin/store", message: "Collected: freed \(PortalFormat.size(run.deletedBytes)) in \(run.deletedBlobs) blobs.")
            } catch let refusal as StoreCollector.NotMaster {
                throw Problem.conflict("This node is not the cluster's master: \(refusal).")
            }
        }
    }

    /// Seconds in words: "1 h", "24 h", "90 s".
    static func duration(_ seconds: Int) -> String {
        if seconds >= 3600, seconds % 3600 == 0 { return "\(seconds / 3600) h" }
        if seconds >= 60, seconds % 60 == 0 { return "\(seconds / 60) min" }
        return "\(seconds) s"
    }
}
