"""The web application: server-rendered, accessible pages built on GOV.UK Frontend components."""
