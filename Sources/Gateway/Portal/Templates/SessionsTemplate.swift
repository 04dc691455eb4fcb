/// The user's data sessions: open, stop, log.
enum SessionsTemplate {
    static let text = #"""
    <section class="card">
    {{#hasSessions}}
    <table id="sessions">
    <thead><tr><th>App</th><th>Version</th><th>State</th><th>Started</th><th>Ended</th><th></th></tr></thead>
    <tbody>
    {{#sessions}}<tr data-session="{{id}}"><td>{{app}}</td><td>{{version}}</td><td class="state">{{state}}</td><td>{{createdAt}}</td><td>{{ended}}</td>
    <td class="row">{{#open}}<a class="button" href="/s/{{id}}/" id="open-{{id}}">Open</a>{{/open}}
    <a href="/sessions/{{id}}/log">Log</a>
    {{#stoppable}}<form method="post" action="/sessions/{{id}}/stop"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit" class="danger" id="stop-{{id}}">Stop</button></form>{{/stoppable}}</td></tr>{{/sessions}}
    </tbody>
    </table>
    {{/hasSessions}}
    {{^hasSessions}}<p id="no-sessions">No sessions yet: launch an app from the <a href="/">app list</a>.</p>{{/hasSessions}}
    </section>
    """#
}
