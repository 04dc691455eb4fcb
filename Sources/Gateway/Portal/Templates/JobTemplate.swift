/// One job: state and progress (followed live while it runs), cancel, result, log. A solve that
/// found no solution is a warning, and its result is not offered as a solution.
enum JobTemplate {
    static let text = #"""
    {{#job}}
    {{#noSolution}}<p class="flash warn" role="status" id="no-solution">{{noSolution}}</p>{{/noSolution}}
    <section class="card" {{#active}}data-events="/api/v1/jobs/{{id}}/events"{{/active}}>
    <dl class="facts">
      <dt>App</dt><dd>{{app}} {{appVersion}}</dd>
      <dt>Input</dt><dd><a href="/cases/{{caseId}}">{{#caseName}}{{caseName}}, {{/caseName}}version {{input}}</a></dd>
      <dt>State</dt><dd id="job-state" class="state {{style}}">{{state}}</dd>
      <dt>Progress</dt><dd id="job-progress">{{progress}}</dd>
      <dt>Attempts</dt><dd>{{attempts}}{{#node}} (ran on node {{node}}){{/node}}{{#placed}}; placed on node {{placed}} by the cluster's master{{/placed}}</dd>
      <dt>Result</dt><dd id="job-result">{{#hasResult}}{{#hasSolution}}<a href="/cases/{{resultCase}}">solution saved as case version {{result}}</a>{{/hasSolution}}{{^hasSolution}}<a href="/cases/{{resultCase}}">case version {{result}}</a> (no solution){{/hasSolution}}{{/hasResult}}{{^hasResult}}{{^active}}none{{/active}}{{/hasResult}}{{#reason}} — {{reason}}{{/reason}}</dd>
    </dl>
    {{#active}}<form method="post" action="/jobs/{{id}}/cancel" class="danger"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit" id="cancel-job">Cancel</button></form>{{/active}}
    </section>
    {{/job}}
    <section class="card"><h2>Log</h2>{{#hasLog}}<pre id="log">{{log}}</pre>{{/hasLog}}{{^hasLog}}<p id="log">No output yet.</p>{{/hasLog}}</section>
    """#
}
