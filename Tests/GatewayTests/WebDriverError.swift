/// A WebDriver command or the browser's set-up failed; says which and why.
struct WebDriverError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
