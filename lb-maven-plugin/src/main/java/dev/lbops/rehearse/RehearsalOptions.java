package dev.lbops.rehearse;

import dev.lbops.lab.HostKind;
import dev.lbops.render.RenderOptions;
import dev.lbops.verify.VerifyOptions;
import java.nio.file.Path;

/**
 * How to rehearse.
 *
 * @param directory where the lab, the mapped CMDB and inventory go
 * @param render how to render the mapped cluster (into the rehearsal's own directory)
 * @param verify the checks and drills to run; its known_hosts is replaced by the lab's
 * @param keepLab leave the lab up afterwards
 */
public record RehearsalOptions(
    String labName,
    HostKind kind,
    Path directory,
    RenderOptions render,
    VerifyOptions verify,
    boolean keepLab) {}
