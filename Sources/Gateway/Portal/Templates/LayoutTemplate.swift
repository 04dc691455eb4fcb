/// The frame of every portal page: head (CSRF token for `portal.js`), navigation by role,
/// the message area, and the page body (already rendered and escaped).
enum LayoutTemplate {
    static let text = #"""
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    {{#viewer}}<meta name="csrf-token" content="{{csrf}}">{{/viewer}}
    <title>{{title}} · Atrium</title>
    <link rel="stylesheet" href="/static/portal.css">
    <script src="/static/portal.js" defer></script>
    </head>
    <body>
    <header class="top">
      <a class="brand" href="/">Atrium</a>
      {{#viewer}}
      <nav>
        <a href="/">Apps</a>
        <a href="/cases">Cases</a>
        <a href="/sessions">Sessions</a>
        <a href="/jobs">Jobs</a>
        <a href="/packages">Packages</a>
        {{#isAdmin}}<a href="/admin/users">Users</a><a href="/admin/groups">Groups</a><a href="/admin/keys">Keys</a><a href="/audit">Audit</a><a href="/admin/license">License</a><a href="/admin/cluster">Cluster</a><a href="/admin/store">Store</a>{{/isAdmin}}
      </nav>
      <div class="who">
        <a href="/account" id="account-link">{{displayName}}</a> <span class="role">{{role}}</span>
        <form method="post" action="/logoff" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit" id="logoff">Log off</button></form>
      </div>
      {{/viewer}}
    </header>
    <main>
    <h1>{{title}}</h1>
    {{#message}}<p class="flash ok" role="status" id="flash">{{message}}</p>{{/message}}
    {{#error}}<p class="flash bad" role="alert" id="error">{{error}}</p>{{/error}}
    {{{body}}}
    </main>
    </body>
    </html>
    """#
}
