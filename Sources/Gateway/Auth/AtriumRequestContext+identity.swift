extension AtriumRequestContext {
    /// The caller; routes behind a non-anonymous ``Access`` always have one.
    public func requireIdentity() throws -> Identity {
        guard let identity else { throw Problem.unauthorized() }
        return identity
    }
}
