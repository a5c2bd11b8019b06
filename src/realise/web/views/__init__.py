"""Views: thin; each resolves the organisation, checks permission, calls selectors or one
service and renders."""
