from django.urls import path

from .views import dashboard, frameworks, reports, workspace

app_name = "assessment"

urlpatterns = [
    path("", workspace.assessment_list, name="list"),
    path("new/<str:dla_code>", workspace.assessment_new, name="new"),
    path("dashboard", dashboard.dashboard, name="dashboard"),
    path("dashboard.<str:fmt>", dashboard.dashboard_export, name="dashboard_export"),
    path("aggregates.csv", dashboard.aggregates_csv, name="aggregates_csv"),
    path("frameworks/", frameworks.framework_list, name="frameworks"),
    path("frameworks/new", frameworks.framework_new, name="framework_new"),
    path("frameworks/<str:version>/", frameworks.framework_detail, name="framework"),
    path(
        "frameworks/<str:version>/checks/<str:check_id>",
        frameworks.framework_check_edit,
        name="framework_check",
    ),
    path(
        "frameworks/<str:version>/parameters/<str:parameter_id>",
        frameworks.framework_parameter_edit,
        name="framework_parameter",
    ),
    path(
        "frameworks/<str:version>/publish", frameworks.framework_publish, name="framework_publish"
    ),
    path("shared/<str:token>", reports.shared, name="shared"),
    path("shared/<str:token>/report.pdf", reports.shared_pdf, name="shared_pdf"),
    path("<uuid:uid>/", workspace.assessment_detail, name="detail"),
    path("<uuid:uid>/facts", workspace.assessment_facts, name="facts"),
    path("<uuid:uid>/answer/<str:check_id>", workspace.answer, name="answer"),
    path("<uuid:uid>/cost-lines", workspace.cost_line_add, name="cost_line_add"),
    path(
        "<uuid:uid>/cost-lines/<int:line_id>/delete",
        workspace.cost_line_delete,
        name="cost_line_delete",
    ),
    path("<uuid:uid>/evidence/<str:check_id>", workspace.evidence_upload, name="evidence_upload"),
    path(
        "<uuid:uid>/evidence-file/<int:evidence_id>", workspace.evidence_file, name="evidence_file"
    ),
    path("<uuid:uid>/report.pdf", reports.report_pdf, name="report_pdf"),
    path("<uuid:uid>/<str:action>", workspace.transition, name="transition"),
]
