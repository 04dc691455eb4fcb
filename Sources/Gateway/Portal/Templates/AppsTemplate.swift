/// Every app the user can see, and the "New app" form for publishers.
enum AppsTemplate {
    static let text = #"""
    {{#isPublisher}}
    <section class="card">
    <h2>New app</h2>
    <form method="post" action="/apps" class="row" id="new-app">
      <input type="hidden" name="_csrf" value="{{csrf}}">
      <label>Name <input name="name" id="new-app-name" required maxlength="128" value="{{typed.name}}"
        pattern="[a-z0-9][a-z0-9._+\-]*" title="Lower-case letters a–z, digits, and . _ + - after the first character, which must be a letter or digit."></label>
      <label>Title <input name="title" id="new-app-title" maxlength="256" value="{{typed.title}}"></label>
      <label>Description <textarea name="description" id="new-app-description" maxlength="2000" rows="2">{{typed.description}}</textarea></label>
      <button type="submit" id="create-app">Create app</button>
    </form>
    <p class="hint">The name is part of addresses and cannot change; the title is what people see.</p>
    </section>
    {{/isPublisher}}
    <section class="card">
    {{#hasApps}}
    <table id="app-list">
    <thead><tr><th>App</th><th>Title</th><th>Latest</th><th>Versions</th><th></th></tr></thead>
    <tbody>
    {{#apps}}<tr><td><a href="/apps/{{name}}">{{name}}</a></td><td>{{title}}</td><td>{{latest}}</td><td>{{versions}}</td>
    <td>{{#canLaunch}}<a class="button" href="/apps/{{name}}/launch">Launch</a>{{/canLaunch}}</td></tr>{{/apps}}
    </tbody>
    </table>
    {{/hasApps}}
    {{^hasApps}}<p id="no-app-list">{{#isPublisher}}No apps yet: create one above, then upload its first version on its page.{{/isPublisher}}{{^isPublisher}}No apps are shared with you yet: ask an admin for access.{{/isPublisher}}</p>{{/hasApps}}
    </section>
    """#
}
