/// The frame of every portal page: head (CSRF token for `portal.js`), the user's own menu, the
/// administration menu apart from it (publishers and admins), the message area, and the page
/// body (already rendered and escaped); admins see the sandbox's warning above it while the sandbox
/// is off or cannot be made. A user who must choose a new password sees no menu.
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
      {{^mustChange}}
      <nav class="mine" aria-label="Your work">
        <a href="/" id="nav-home">Apps</a>
        <a href="/cases" id="nav-cases">Cases</a>
        <a href="/sessions" id="nav-sessions">Sessions</a>
        <a href="/jobs" id="nav-jobs">Jobs</a>
        <a href="/quotas" id="nav-quotas">Quotas</a>
      </nav>
      {{/mustChange}}
      <div class="who">
        {{^mustChange}}<a href="/account" id="account-link" title="{{name}} ({{role}})">Account · {{displayName}}</a>{{/mustChange}}
        <form method="post" action="/logoff" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit" id="logoff">Log off</button></form>
      </div>
      {{/viewer}}
    </header>
    {{#viewer}}{{^mustChange}}{{#isPublisher}}
    <nav class="admin" aria-label="Administration" id="admin-menu">
      <span class="label">{{#isAdmin}}Administration{{/isAdmin}}{{^isAdmin}}Publishing{{/isAdmin}}</span>
      <a href="/apps">Manage apps</a>
      <a href="/packages">Packages</a>
      {{#isAdmin}}
      <a href="/admin/users">Users</a>
      <a href="/admin/groups">Groups</a>
      <a href="/admin/quotas">Quotas</a>
      <a href="/admin/keys">Keys</a>
      <a href="/admin/license">License</a>
      <a href="/admin/cluster">Cluster</a>
      <a href="/admin/store">Store</a>
      <a href="/audit">Audit</a>
      {{/isAdmin}}
    </nav>
    {{/isPublisher}}{{/mustChange}}{{/viewer}}
    {{#sandboxNotice}}<p class="flash bad banner" role="alert" id="sandbox-banner">{{sandboxNotice}}</p>{{/sandboxNotice}}
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
