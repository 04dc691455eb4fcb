/// The catalogue: the apps the user may launch, each with **Launch** as its main action.
enum HomeTemplate {
    static let text = #"""
    {{#hasApps}}
    <ul class="catalogue" id="apps">
    {{#apps}}<li class="app-card" data-app="{{name}}">
      <h2><a href="/apps/{{name}}">{{title}}</a></h2>
      {{#hasDescription}}<p class="description">{{description}}</p>{{/hasDescription}}
      <p class="meta">{{^untitled}}{{name}} · {{/untitled}}version {{latest}} · published {{publishedAt}}</p>
      <p class="actions"><a class="button primary" href="/apps/{{name}}/launch" id="launch-{{name}}">Launch</a>
      <a href="/cases?app={{name}}">Cases</a></p>
    </li>{{/apps}}
    </ul>
    {{/hasApps}}
    {{^hasApps}}
    <section class="card empty" id="no-apps">
    {{#isPublisher}}<p>No apps to launch yet. Create one under <a href="/apps">Manage apps</a> and upload a version; or ask an admin for the launch right on an existing app.</p>{{/isPublisher}}
    {{^isPublisher}}<p>No apps to launch yet: ask an admin for access to the apps you need.</p>{{/isPublisher}}
    </section>
    {{/hasApps}}
    """#
}
