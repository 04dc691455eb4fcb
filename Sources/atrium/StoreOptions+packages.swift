import Store

extension StoreOptions {
    /// Packages in this store, registered under `<store>/refs/packages` until the catalog exists.
    func packageStore(trust: TrustStore) throws -> PackageStore {
        let blobs = try open()
        return PackageStore(blobs: blobs, registry: DirectoryPackageRegistry(root: path + "/refs/packages"), trust: trust)
    }
}
