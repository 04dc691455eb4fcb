/// The progress page of a launch. `portal.js` starts the session from `data-launch` (an API
/// call that answers once the runtime is ready) and then opens it, or shows why it did not start.
enum LaunchTemplate {
    static let text = #"""
    <section class="card launch"{{#start}} data-launch="{{app.name}}" data-title="{{app.title}}"{{#version}} data-version="{{version}}"{{/version}}{{#case}} data-case="{{id}}"{{/case}}{{/start}} id="launch-card">
    <p id="launch-state" role="status">{{#start}}Starting {{app.title}}{{#case}} with case {{name}}{{/case}}: reserving a seat, unpacking the app and starting its runtime…{{/start}}{{^start}}{{app.title}} did not start.{{/start}}</p>
    {{#start}}<p class="launch-progress"><span class="spinner" aria-hidden="true"></span> <span id="launch-elapsed">0 s</span> <span class="hint">This usually takes a few seconds; the app opens by itself.</span></p>{{/start}}
    <p class="flash bad" id="launch-error" role="alert" hidden></p>
    <p id="launch-actions" class="actions" {{#start}}hidden{{/start}}><a class="button" href="/apps/{{app.name}}/launch{{#case}}?case={{id}}{{/case}}" id="launch-again">Try again</a> <a href="/sessions">Your sessions</a> <a href="/">Back to the apps</a></p>
    {{#start}}<noscript>
    <form method="post" action="/apps/{{app.name}}/launch" class="row">
      <input type="hidden" name="_csrf" value="{{csrf}}">
      {{#version}}<input type="hidden" name="version" value="{{version}}">{{/version}}
      {{#case}}<input type="hidden" name="case" value="{{id}}">{{/case}}
      <span>Without JavaScript, start it here; the page waits until the app is ready.</span>
      <button type="submit">Start {{app.title}}</button>
    </form>
    </noscript>{{/start}}
    </section>
    """#
}
