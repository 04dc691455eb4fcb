/// The user's optimization sessions.
enum JobsTemplate {
    static let text = #"""
    <section class="card">
    {{#hasJobs}}
    <table id="jobs">
    <thead><tr><th>Job</th><th>App</th><th>Case</th><th>State</th><th>Progress</th><th>Submitted</th><th>Result</th></tr></thead>
    <tbody>
    {{#jobs}}<tr data-job="{{id}}"><td><a href="/jobs/{{id}}">{{id}}</a></td><td>{{app}}</td><td><a href="/cases/{{caseId}}">{{caseName}}, version {{input}}</a></td>
    <td class="state {{style}}">{{state}}</td><td>{{progress}}</td><td>{{submittedAt}}</td><td>{{#hasResult}}<a href="/cases/{{resultCase}}">version {{result}}</a>{{/hasResult}}</td></tr>{{/jobs}}
    </tbody>
    </table>
    {{/hasJobs}}
    {{^hasJobs}}<p id="no-jobs">No jobs yet: open a case under <a href="/cases">Cases</a> and press Solve, or solve from inside an app.</p>{{/hasJobs}}
    </section>
    """#
}
