package dev.lbops.model;

/** An LVS {@code virtual_server} on an address that is no VIP of a VRRP instance. */
public record LvsVirtualServer(String ip, LvsService service, Origin origin) {}
