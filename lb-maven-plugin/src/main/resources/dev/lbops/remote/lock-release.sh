rm -f {{#alsoRemove}}{{.}} {{/alsoRemove}}{{path}}
