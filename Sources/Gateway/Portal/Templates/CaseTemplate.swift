/// One case: its history with downloads (restore), a new version, shares, delete.
enum CaseTemplate {
    static let text = #"""
    <section class="card">
    <p class="lead">App <a href="/apps/{{case.app}}"><strong>{{case.app}}</strong></a>, owner <strong>{{case.owner}}</strong>.</p>
    {{#canLaunch}}<p class="actions"><a class="button primary" href="/apps/{{case.app}}/launch?case={{case.id}}" id="open-in-app">Open in app</a></p>{{/canLaunch}}
    <table id="history">
    <thead><tr><th>Version</th><th>Size</th><th>Saved</th><th>By</th><th>Restore</th></tr></thead>
    <tbody>
    {{#history}}<tr><td>{{number}}</td><td>{{size}}</td><td>{{savedAt}}</td><td>{{savedBy}}</td><td><a href="/api/v1/cases/{{case.id}}/versions/{{number}}/content" download="{{case.name}}-v{{number}}" id="restore-{{number}}">Download</a></td></tr>{{/history}}
    </tbody>
    </table>
    </section>
    {{#canWrite}}
    <section class="card">
    <h2>Save a new version</h2>
    <form class="upload row" data-upload="/api/v1/cases/{{case.id}}/versions" id="case-version-upload">
      <label>Case data <input type="file" name="file" id="case-version-file" required></label>
      <button type="submit">Upload</button>
      <progress max="100" value="0" hidden></progress><span class="status" role="status"></span>
    </form>
    </section>
    <section class="card">
    <h2>Solve</h2>
    <form method="post" action="/cases/{{case.id}}/solve" class="row">
      <input type="hidden" name="_csrf" value="{{csrf}}">
      <label>Version <input name="version" id="solve-version" inputmode="numeric" placeholder="newest" value="{{typed.version}}"></label>
      <button type="submit" id="solve-case">Solve as an optimization session</button>
    </form>
    </section>
    {{/canWrite}}
    {{#isOwner}}
    <section class="card">
    <h2>Shared with</h2>
    <table id="shares">
    <tbody>
    {{#shares}}<tr><td>{{kind}} {{name}}</td><td>{{access}}</td><td><form method="post" action="/cases/{{case.id}}/unshare" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="kind" value="{{kind}}"><input type="hidden" name="id" value="{{id}}"><button type="submit">Stop sharing</button></form></td></tr>{{/shares}}
    </tbody>
    </table>
    {{^shares}}<p id="no-shares">Not shared with anyone yet: give a user or group read or write access below.</p>{{/shares}}
    <form method="post" action="/cases/{{case.id}}/share" class="row">
      <input type="hidden" name="_csrf" value="{{csrf}}">
      <label>Kind <select name="kind"><option value="user">user</option><option value="group">group</option></select></label>
      <label>Name <input name="name" required value="{{typed.name}}"></label>
      <label>Access <select name="access"><option value="read">read</option><option value="write">write</option></select></label>
      <button type="submit">Share</button>
    </form>
    <form method="post" action="/cases/{{case.id}}/delete" class="danger">
      <input type="hidden" name="_csrf" value="{{csrf}}">
      <button type="submit" id="delete-case">Delete this case</button>
    </form>
    </section>
    {{/isOwner}}
    """#
}
