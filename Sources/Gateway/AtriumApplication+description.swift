/// How the application shows in logs (swift-service-lifecycle logs every service it starts):
/// never with the one-time admin password or any other field.
extension AtriumApplication: CustomStringConvertible, CustomReflectable {
    public var description: String { "AtriumApplication" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
