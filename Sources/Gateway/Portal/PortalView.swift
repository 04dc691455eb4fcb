/// What a portal page shows: its template, its title, and the values the template reads.
/// Values are plain dictionaries, arrays, strings, numbers and booleans, all escaped by
/// Mustache's `{{ }}` when rendered.
struct PortalView {
    var template: String
    var title: String
    var data: [String: Any]

    init(_ template: String, title: String, _ data: [String: Any] = [:]) {
        self.template = template
        self.title = title
        self.data = data
    }
}
