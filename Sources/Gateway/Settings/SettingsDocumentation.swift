/// The settings table as people read it: the README's Markdown table and `atrium serve --help`.
extension GatewayConfiguration {
    /// The README's settings table (Markdown), one row per setting; `atrium serve
    /// --settings-markdown` prints it and `scripts/readme-settings` puts it in README.md.
    public static var settingsMarkdown: String {
        func code(_ text: String?) -> String { text.map { "`\($0.replacingOccurrences(of: "|", with: "\\|"))`" } ?? "" }
        func row(_ cells: [String]) -> String { "|" + cells.map { $0.isEmpty ? " " : " \($0) " }.joined(separator: "|") + "|" }
        let rows = settings.map { setting in
            row([setting.doc, setting.readFromFile ? code(setting.name) : "", code(setting.environment), code(setting.flagUsage), setting.defaultText])
        }
        return ([row(["setting", "JSON key (`--config`)", "environment", "flag", "default"]), "|---|---|---|---|---|"] + rows)
            .joined(separator: "\n") + "\n"
    }

    /// Every setting for `--help`: its flag and variable (or the variable alone), then what it is
    /// and its default, wrapped to `width` columns.
    public static func settingsHelp(width: Int = 79) -> String {
        func plain(_ markdown: String) -> String { markdown.replacingOccurrences(of: "`", with: "") }
        func wrapped(_ text: String, indent: String) -> [String] {
            var lines: [String] = []
            var line = indent
            for word in text.split(separator: " ") {
                if line.count > indent.count, line.count + 1 + word.count > width { lines.append(line); line = indent }
                line += (line.count > indent.count ? " " : "") + word
            }
            return lines + [line]
        }
        let entries = settings.flatMap { setting in
            let head = setting.flagUsage.map { "\($0)  ($\(setting.environment))" } ?? "$" + setting.environment
            return ["  " + head] + wrapped(plain(setting.doc.prefix(1).uppercased() + setting.doc.dropFirst()) + ". Default: " + plain(setting.defaultText) + ".", indent: "        ")
        }
        return (wrapped("SETTINGS (lowest first: default < the --config JSON file, keys as in --settings-markdown < environment < flag):",
                        indent: "") + entries).joined(separator: "\n")
    }
}
