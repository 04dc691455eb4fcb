/// One app: its versions (set latest, hide, roll back), an upload form, and its rights.
enum AppTemplate {
    static let text = #"""
    <section class="card">
    <p class="lead">Latest version: <strong id="latest">{{app.latest}}</strong></p>
    {{#canLaunch}}<p class="actions"><a class="button primary" href="/apps/{{app.name}}/launch" id="launch">Launch</a> <a href="/cases?app={{app.name}}">Its cases</a></p>{{/canLaunch}}
    {{^canLaunch}}<p class="hint" id="no-launch">{{#hasVersions}}You may look at this app but not launch it: ask an admin for the launch right.{{/hasVersions}}{{^hasVersions}}Nobody can launch it before its first version is uploaded.{{/hasVersions}}</p>{{/canLaunch}}
    <table id="versions">
    <thead><tr><th>Version</th><th>Runtime</th><th>Uploaded</th><th>State</th>{{#canPublish}}<th>Actions</th>{{/canPublish}}</tr></thead>
    <tbody>
    {{#versions}}<tr><td>{{version}}</td><td>{{runtime}}</td><td>{{uploadedAt}}</td><td>{{#isLatest}}latest{{/isLatest}}{{#hidden}} hidden{{/hidden}}</td>
    {{#canPublish}}<td class="actions">
      {{^isLatest}}{{^hidden}}<form method="post" action="/apps/{{app.name}}/latest" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="version" value="{{version}}"><button type="submit" id="latest-{{version}}">Set latest</button></form>{{/hidden}}{{/isLatest}}
      {{^isLatest}}<form method="post" action="/apps/{{app.name}}/hidden" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="version" value="{{version}}">{{#hidden}}<input type="hidden" name="hidden" value="false"><button type="submit">Show</button>{{/hidden}}{{^hidden}}<input type="hidden" name="hidden" value="true"><button type="submit" id="hide-{{version}}">Hide</button>{{/hidden}}</form>{{/isLatest}}
    </td>{{/canPublish}}</tr>{{/versions}}
    </tbody>
    </table>
    {{^versions}}<p id="no-versions">No versions yet.{{#canPublish}} Upload the first one below.{{/canPublish}}</p>{{/versions}}
    {{#rollbackTo}}
    <form method="post" action="/apps/{{app.name}}/rollback" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit" id="rollback">Roll back to version {{rollbackTo}}</button></form>
    {{/rollbackTo}}
    </section>
    {{#canPublish}}
    <section class="card">
    <h2>Upload a version</h2>
    <form class="upload row" data-upload="/api/v1/apps/{{app.name}}/versions" id="version-upload">
      <label>Version <input name="version" id="version-number" required maxlength="128" pattern="[a-z0-9][a-z0-9._+\-]*"
        title="Lower-case letters a–z, digits, and . _ + - after the first character, which must be a letter or digit (for example 1.2.0)."></label>
      <label>Runtime <input name="runtime" id="version-runtime" placeholder="name@version" required
        pattern="[a-z0-9][a-z0-9._+\-]*@[a-z0-9][a-z0-9._+\-]*" title="The runtime package's name and version, as name@version (for example atrium-runtime-mathprog@1.0.0)."></label>
      <label>Sealed app <input type="file" name="file" id="version-file" required></label>
      <button type="submit">Upload</button>
      <progress max="100" value="0" hidden></progress><span class="status" role="status"></span>
    </form>
    </section>
    <section class="card">
    <h2>Rights</h2>
    <table id="rights">
    <thead><tr><th>Who</th><th>Right</th><th>Effect</th><th></th></tr></thead>
    <tbody>
    {{^grants}}<tr><td colspan="4" id="no-grants">Nobody has a right on this app yet: grant read and launch to a user or group below.</td></tr>{{/grants}}
    {{#grants}}<tr><td>{{kind}} {{name}}</td><td>{{right}}</td><td>{{effect}}</td><td><form method="post" action="/apps/{{app.name}}/rights/remove" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="kind" value="{{kind}}"><input type="hidden" name="id" value="{{id}}"><input type="hidden" name="right" value="{{right}}"><button type="submit">Remove</button></form></td></tr>{{/grants}}
    </tbody>
    </table>
    <form method="post" action="/apps/{{app.name}}/rights" class="row">
      <input type="hidden" name="_csrf" value="{{csrf}}">
      <label>Kind <select name="kind"><option value="user">user</option><option value="group">group</option></select></label>
      <label>Name <input name="name" required value="{{typed.name}}"></label>
      <label>Right <select name="right"><option value="read">read</option><option value="launch">launch</option><option value="publish">publish</option></select></label>
      <label>Effect <select name="effect"><option value="allow">allow</option><option value="deny">deny</option></select></label>
      <button type="submit">Grant</button>
    </form>
    </section>
    {{/canPublish}}
    """#
}
