package dev.lbops.lab;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lab's state file ({@value Lab#STATE_FILE}): what a lab made, written before and after each
 * step of bringing it up, so that lab-down can undo it later, also after a crashed build.
 */
final class StateFile {

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  private StateFile() {}

  static void write(LabLayout layout, LabState state) {
    try {
      Files.writeString(layout.stateFile(), GSON.toJson(state), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the lab state in " + layout.directory(), e);
    }
  }

  /**
   * @throws LabException when {@code directory} holds no state file
   */
  static LabState read(Path directory) {
    Path file = directory.toAbsolutePath().resolve(Lab.STATE_FILE);
    try {
      return GSON.fromJson(Files.readString(file), LabState.class);
    } catch (IOException e) {
      throw new LabException("No lab is up in " + directory + " (cannot read " + file + ")", e);
    }
  }
}
