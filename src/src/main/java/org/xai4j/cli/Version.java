package org.xai4j.cli;

import picocli.CommandLine;

/** {@code xai --version}: the build's version and the JVM it runs on. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"xai " + (v == null ? "0.1.0-SNAPSHOT" : v),
                "JVM " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")};
    }
}
