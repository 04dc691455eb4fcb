/// The user's own and shared cases, and the upload of a new one.
enum CasesTemplate {
    static let text = #"""
    <section class="card">
    <h2>Upload a new case</h2>
    <form class="upload row" data-upload="/api/v1/cases" id="case-upload">
      <label>App <select name="app" id="case-app">{{#apps}}<option value="{{name}}">{{name}}</option>{{/apps}}</select></label>
      <label>Name <input name="name" id="case-name" required></label>
      <label>Case data <input type="file" name="file" id="case-file" required></label>
      <button type="submit">Upload</button>
      <progress max="100" value="0" hidden></progress><span class="status" role="status"></span>
    </form>
    </section>
    <section class="card">
    <table id="cases">
    <thead><tr><th>Case</th><th>App</th><th>Owner</th><th>Versions</th><th>Updated</th></tr></thead>
    <tbody>
    {{#cases}}<tr><td><a href="/cases/{{id}}">{{name}}</a></td><td>{{app}}</td><td>{{owner}}</td><td>{{head}}</td><td>{{updatedAt}}</td></tr>{{/cases}}
    </tbody>
    </table>
    {{^cases}}<p>No cases yet.</p>{{/cases}}
    </section>
    """#
}
