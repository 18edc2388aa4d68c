package dev.lbops.rehearse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.binding.ClusterFixture;
import dev.lbops.core.ProblemsException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddressMapTest {

  @TempDir Path directory;

  @Test
  void apply_replacesWholeAddressesAndInterfaceNames_only() {
    AddressMap map =
        new AddressMap(
            Map.of("192.168.10.1", "198.18.5.101", "192.168.10.11", "198.18.5.102"),
            Map.of("enp0s3", "eth0"),
            List.of());

    String mapped =
        map.apply(
            "dst: 192.168.10.1:80\ndst: 192.168.10.11:80\nother: 192.168.10.111\n"
                + "interface: enp0s3\nnot: enp0s31\nnet: 10.192.168.10.1\n");

    assertThat(mapped)
        .isEqualTo(
            "dst: 198.18.5.101:80\ndst: 198.18.5.102:80\nother: 192.168.10.111\n"
                + "interface: eth0\nnot: enp0s31\nnet: 10.192.168.10.1\n");
  }

  @Test
  void needs_aHostPerProjectHost_aVipEach_andABackendPerDistinctServer() {
    AddressMap.Needs needs =
        AddressMap.needs(ClusterFixture.healthyPair(directory).load().cluster());

    assertThat(needs.hosts()).containsExactly("lb1", "lb2");
    assertThat(needs.vips()).containsExactly("198.18.0.100");
    assertThat(needs.servers()).containsExactly("198.18.1.11");
  }

  @Test
  void aServerGivenByName_cannotBeRehearsed_andSaysWhere() {
    String byName =
        ClusterFixture.PAIR_DEFAULT.replace("dst: 198.18.1.11:80", "dst: www.example.org:80");

    assertThatThrownBy(
            () ->
                AddressMap.needs(
                    ClusterFixture.healthyPair(directory)
                        .file("default.yml", byName)
                        .load()
                        .cluster()))
        .isInstanceOf(ProblemsException.class)
        .satisfies(
            e ->
                assertThat(((ProblemsException) e).problems().get(0).format())
                    .contains("default.yml:", "'www.example.org' is a name"));
  }
}
