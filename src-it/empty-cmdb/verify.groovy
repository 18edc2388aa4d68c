def log = new File(basedir, 'build.log').text
assert log.contains('The cluster definition has errors (1 error)')
assert log.contains('cmdb: [lb1, lb2] the CMDB gives this load balancer no VRRP instance and no frontend or listen section: deployed, it would remove the virtual IPs and every proxy of a working pair')
assert log.contains('(fix: declare vrrp_instances and frontends (or listen) in the CMDB files of the lookup path; if they are there, check lb.cmdbDirectory, lb.environment and lb.lookupPath)')
assert !new File(basedir, 'target/lb').exists() : 'rendered an empty cluster'
