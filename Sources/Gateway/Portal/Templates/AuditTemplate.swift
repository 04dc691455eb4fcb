/// Admins: the audit log, newest first, a page at a time.
enum AuditTemplate {
    static let text = #"""
    <section class="card">
    <table id="audit">
    <thead><tr><th>When</th><th>Who</th><th>Action</th><th>Target</th><th>Detail</th></tr></thead>
    <tbody>
    {{#entries}}<tr><td class="when">{{at}}</td><td>{{actor}}</td><td>{{action}}</td><td>{{target}}</td><td class="mono">{{detail}}</td></tr>{{/entries}}
    </tbody>
    </table>
    {{^entries}}<p>Nothing (more) in the audit log.</p>{{/entries}}
    <p class="pager"><a href="/audit">Newest</a>{{#next}} <a href="/audit?before={{next}}" id="older">Older</a>{{/next}}</p>
    </section>
    """#
}
