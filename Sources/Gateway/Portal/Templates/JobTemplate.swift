/// One job: state and progress (followed live while it runs), cancel, result, log.
enum JobTemplate {
    static let text = #"""
    {{#job}}
    <section class="card" {{#active}}data-events="/api/v1/jobs/{{id}}/events"{{/active}}>
    <dl>
      <dt>App</dt><dd>{{app}} {{appVersion}}</dd>
      <dt>Input</dt><dd><a href="/cases/{{caseId}}">case version {{input}}</a></dd>
      <dt>State</dt><dd id="job-state">{{state}}</dd>
      <dt>Progress</dt><dd id="job-progress">{{progress}}</dd>
      <dt>Attempts</dt><dd>{{attempts}}{{#node}} (node {{node}}){{/node}}{{#placed}}; placed on {{placed}} by the master{{/placed}}</dd>
      <dt>Result</dt><dd id="job-result">{{#hasResult}}<a href="/cases/{{caseId}}">case version {{result}}</a>{{/hasResult}}{{reason}}</dd>
    </dl>
    {{#active}}<form method="post" action="/jobs/{{id}}/cancel"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit" class="danger" id="cancel-job">Cancel</button></form>{{/active}}
    </section>
    {{/job}}
    <section class="card"><h2>Log</h2><pre id="log">{{log}}</pre></section>
    """#
}
