/// A page that only says something: a refusal, a missing object, a failure.
enum MessageTemplate {
    static let text = #"""
    <section class="card">
    <p id="message-text">{{text}}</p>
    <p><a href="/">Back to the apps</a></p>
    </section>
    """#
}
