package dev.nginxlint.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.FileSystem;
import java.nio.file.Path;

/** The outside world of one run (real streams, or test doubles with jimfs). */
public record Io(PrintWriter out, PrintWriter err, InputStream in, FileSystem fs, Path cwd) {}
