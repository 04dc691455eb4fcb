/// The apps the user may read, with their versions.
enum HomeTemplate {
    static let text = #"""
    {{#isPublisher}}
    <section class="card">
    <h2>New app</h2>
    <form method="post" action="/apps" class="row">
      <input type="hidden" name="_csrf" value="{{csrf}}">
      <label>Name <input name="name" id="new-app-name" required pattern="[a-z0-9][a-z0-9._-]*"></label>
      <label>Title <input name="title" id="new-app-title"></label>
      <button type="submit" id="create-app">Create app</button>
    </form>
    </section>
    {{/isPublisher}}
    <section class="card">
    {{#hasApps}}
    <table id="apps">
    <thead><tr><th>App</th><th>Title</th><th>Latest</th><th>Versions</th><th></th></tr></thead>
    <tbody>
    {{#apps}}<tr><td><a href="/apps/{{name}}">{{name}}</a></td><td>{{title}}</td><td>{{latest}}</td><td>{{versions}}</td>
    <td>{{#canLaunch}}<form method="post" action="/apps/{{name}}/launch"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit" id="launch-{{name}}">Launch</button></form>{{/canLaunch}}</td></tr>{{/apps}}
    </tbody>
    </table>
    {{/hasApps}}
    {{^apps}}<p id="no-apps">No apps yet that you may use.</p>{{/apps}}
    </section>
    """#
}
