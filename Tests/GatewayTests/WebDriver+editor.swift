import TestSupport

/// Steps in the demo runtime's editor that more than one browser test takes.
extension WebDriver {
    /// Opens `version` of the case `name` from the editor's Open dialog and waits until the editor shows it.
    func reopen(case name: String, version: Int) async throws {
        try await click("#open")
        try await click(#"#case-list li[data-case-name="\#(name)"]"#)
        try await select("#version-list", String(version))
        try await click("#open-version")
        try await waitFor("#case-version", toContain: "version \(version)")
    }

    /// The value of a form field in the page ("" when nothing matches `css`).
    func value(_ css: String) async throws -> String {
        try await executeAsync(
            "const done = arguments[arguments.length - 1]; const e = document.querySelector(arguments[0]); done(e ? e.value : null);",
            [css]) as? String ?? ""
    }
}
