{{#aptGet}}
apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q {{#packages}}{{.}} {{/packages}}
{{/aptGet}}
{{^aptGet}}
{{manager}} install -y {{#packages}}{{.}} {{/packages}}
{{/aptGet}}
