/// The user's own and shared cases, and the upload of a new one.
enum CasesTemplate {
    static let text = #"""
    {{#hasApps}}
    <section class="card">
    <h2>Upload a new case</h2>
    <form class="upload row" data-upload="/api/v1/cases" id="case-upload">
      <label>App <select name="app" id="case-app">{{#apps}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/apps}}</select></label>
      <label>Name <input name="name" id="case-name" required></label>
      <label>Case data <input type="file" name="file" id="case-file" required></label>
      <button type="submit">Upload</button>
      <progress max="100" value="0" hidden></progress><span class="status" role="status"></span>
    </form>
    <p class="hint">Or launch an app from <a href="/">Apps</a> and save a case from inside it.</p>
    </section>
    {{/hasApps}}
    <section class="card">
    {{#only}}<p><a href="/cases">All cases</a></p>{{/only}}
    <table id="cases">
    <thead><tr><th>Case</th><th>App</th><th>Owner</th><th>Versions</th><th>Updated</th></tr></thead>
    <tbody>
    {{#cases}}<tr><td><a href="/cases/{{id}}">{{name}}</a></td><td>{{app}}</td><td>{{owner}}</td><td>{{head}}</td><td>{{updatedAt}}</td></tr>{{/cases}}
    </tbody>
    </table>
    {{^cases}}<p id="no-cases">No cases yet{{#only}} of {{only}}{{/only}}: launch an app from <a href="/">Apps</a> and save a case there, or upload one above.{{^hasApps}} You need access to an app first: ask an admin.{{/hasApps}}</p>{{/cases}}
    </section>
    """#
}
