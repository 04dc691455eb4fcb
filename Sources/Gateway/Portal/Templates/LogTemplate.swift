/// A runtime's output.
enum LogTemplate {
    static let text = #"""
    <section class="card">
    <p><a href="{{back}}">Back</a></p>
    <pre id="log">{{log}}</pre>
    </section>
    """#
}
