// DevCluster: one JVM running a real HDFS (MiniDFSCluster, one DataNode) and a real YARN (MiniYARNCluster,
// one NodeManager) on loopback, for trying and testing mlpipe's Spark-on-YARN path on one machine.
// Contract:
//   - Settings: -Ddevcluster.<key>, else env DEVCLUSTER_<KEY> (dots become '_'), else the defaults in this file.
//   - Every start is fresh: HDFS is formatted and the YARN work dir is wiped (both under the base dir).
//   - When both services are up it creates /tmp (1777) and /user/<user> on HDFS, writes a client-only
//     HADOOP_CONF_DIR (<base>/conf: core-site, hdfs-site, yarn-site) and then, atomically, <base>/READY
//     (key=value lines: endpoints, NodeManager HTTP addresses and log dirs).
//   - SIGTERM/SIGINT stop YARN (its NodeManager kills running containers), then HDFS, remove READY and
//     exit 0. A start-up failure stops what was started and exits with status 1.
package mlpipe.devcluster;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.hadoop.yarn.server.nodemanager.NodeManager;
import org.apache.hadoop.yarn.server.resourcemanager.rmnode.RMNode;
import sun.misc.Signal;

public final class DevCluster {
  private static final String LOOPBACK = "127.0.0.1";
  private static final int NODE_MANAGERS = 1;
  private static final String CS_PREFIX = "yarn.scheduler.capacity.";
  private static final String QUEUES = "default,ml";

  private static volatile MiniDFSCluster hdfs;
  private static volatile MiniYARNCluster yarn;
  private static volatile File readyFile;

  private DevCluster() {}

  public static void main(String[] args) {
    try {
      run();
    } catch (Throwable t) {
      System.err.println("devcluster: start-up failed: " + t);
      t.printStackTrace();
      stop();
      System.exit(1);
    }
  }

  private static void run() throws Exception {
    File base = new File(setting("base", ".devcluster")).getAbsoluteFile();
    readyFile = new File(base, "READY");
    Files.deleteIfExists(readyFile.toPath());
    handleStopSignals();

    String user = UserGroupInformation.getCurrentUser().getShortUserName();
    int nnPort = intSetting("nn.port", 8020);
    int nnHttpPort = intSetting("nn.http.port", 9870);
    Map<String, String> rm = new LinkedHashMap<>();
    rm.put(YarnConfiguration.RM_HOSTNAME, LOOPBACK);
    rm.put(YarnConfiguration.RM_ADDRESS, LOOPBACK + ":" + intSetting("rm.port", 8032));
    rm.put(YarnConfiguration.RM_SCHEDULER_ADDRESS, LOOPBACK + ":" + intSetting("rm.scheduler.port", 8030));
    rm.put(YarnConfiguration.RM_RESOURCE_TRACKER_ADDRESS, LOOPBACK + ":" + intSetting("rm.tracker.port", 8031));
    rm.put(YarnConfiguration.RM_ADMIN_ADDRESS, LOOPBACK + ":" + intSetting("rm.admin.port", 8033));
    rm.put(YarnConfiguration.RM_WEBAPP_ADDRESS, LOOPBACK + ":" + intSetting("rm.web.port", 8088));

    hdfs = startHdfs(new File(base, "hdfs"), nnPort, nnHttpPort, user);
    String defaultFs = "hdfs://" + LOOPBACK + ":" + nnPort;
    yarn = startYarn(new File(base, "yarn"), defaultFs, rm);

    File confDir = new File(base, "conf");
    Files.createDirectories(confDir.toPath());
    writeSite(new File(confDir, "core-site.xml"), Map.of("fs.defaultFS", defaultFs));
    writeSite(new File(confDir, "hdfs-site.xml"), Map.of(
        "dfs.replication", "1",
        "dfs.namenode.http-address", LOOPBACK + ":" + nnHttpPort));
    Map<String, String> yarnSite = new LinkedHashMap<>(rm);
    yarnSite.put(YarnConfiguration.LOG_AGGREGATION_ENABLED, "false");
    writeSite(new File(confDir, "yarn-site.xml"), yarnSite);

    StringBuilder ready = new StringBuilder()
        .append("pid=").append(ProcessHandle.current().pid()).append('\n')
        .append("user=").append(user).append('\n')
        .append("hadoop_conf_dir=").append(confDir).append('\n')
        .append("fs_default_fs=").append(defaultFs).append('\n')
        .append("webhdfs=http://").append(LOOPBACK).append(':').append(nnHttpPort).append("/webhdfs/v1\n")
        .append("rm_address=").append(rm.get(YarnConfiguration.RM_ADDRESS)).append('\n')
        .append("rm_web=http://").append(rm.get(YarnConfiguration.RM_WEBAPP_ADDRESS)).append('\n')
        .append("queues=").append(QUEUES).append('\n');
    for (int i = 0; i < NODE_MANAGERS; i++) {
      NodeManager nm = yarn.getNodeManager(i);
      RMNode node = yarn.getResourceManager().getRMContext().getRMNodes().get(nm.getNMContext().getNodeId());
      ready.append("nm_").append(i).append("_http=http://").append(node.getHttpAddress()).append('\n');
      ready.append("nm_").append(i).append("_log_dirs=")
          .append(nm.getConfig().get(YarnConfiguration.NM_LOG_DIRS)).append('\n');
    }
    writeAtomically(readyFile, ready.toString());
    System.out.println("devcluster: READY " + readyFile);
    System.out.flush();
    new CountDownLatch(1).await();
  }

  private static MiniDFSCluster startHdfs(File dir, int nnPort, int nnHttpPort, String user) throws IOException {
    Configuration conf = new HdfsConfiguration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.getPath());
    conf.setInt("dfs.replication", 1);
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf)
        .nameNodePort(nnPort).nameNodeHttpPort(nnHttpPort).numDataNodes(1).format(true).build();
    cluster.waitActive();
    FileSystem fs = cluster.getFileSystem();
    org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path("/tmp");
    fs.mkdirs(tmp);
    fs.setPermission(tmp, new FsPermission((short) 01777));
    fs.mkdirs(new org.apache.hadoop.fs.Path("/user/" + user));
    return cluster;
  }

  private static MiniYARNCluster startYarn(File workDir, String defaultFs, Map<String, String> rm) {
    // MiniYARNCluster puts its work dir (NM local and log dirs) under GenericTestUtils.getTestDir().
    System.setProperty("test.build.data", workDir.getPath());
    String nmMemoryMb = setting("nm.memory.mb", "8192");
    String nmVcores = setting("nm.vcores", "8");
    YarnConfiguration conf = new YarnConfiguration();
    conf.set("fs.defaultFS", defaultFs);
    conf.setBoolean(YarnConfiguration.YARN_MINICLUSTER_FIXED_PORTS, true);
    rm.forEach(conf::set);
    // Otherwise MiniYARNCluster's local node-attribute store path resolves against fs.defaultFS (HDFS).
    conf.set(YarnConfiguration.FS_NODE_ATTRIBUTE_STORE_ROOT_DIR, new File(workDir, "node-attributes").toURI().toString());
    // MiniYARNCluster overwrites yarn.nodemanager.resource.memory-mb with this key.
    conf.set(YarnConfiguration.YARN_MINICLUSTER_NM_PMEM_MB, nmMemoryMb);
    conf.set(YarnConfiguration.NM_VCORES, nmVcores);
    conf.set(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, "256");
    conf.set(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, nmMemoryMb);
    conf.set(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_VCORES, nmVcores);
    conf.set(YarnConfiguration.NM_VMEM_CHECK_ENABLED, "false");
    conf.set(YarnConfiguration.NM_PMEM_CHECK_ENABLED, "false");
    conf.set(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, "100.0");
    conf.set(YarnConfiguration.NM_USER_HOME_DIR, System.getProperty("user.home"));
    conf.set(YarnConfiguration.LOG_AGGREGATION_ENABLED, "false");
    conf.set(YarnConfiguration.DEBUG_NM_DELETE_DELAY_SEC, setting("debug.delay.sec", "3600"));
    conf.set(YarnConfiguration.RM_SCHEDULER,
        "org.apache.hadoop.yarn.server.resourcemanager.scheduler.capacity.CapacityScheduler");
    // capacity-scheduler.xml is not in the jars: root.default (75%) and root.ml (25%), both may grow to 100%.
    conf.set(CS_PREFIX + "root.queues", QUEUES);
    queue(conf, "default", "75");
    queue(conf, "ml", "25");
    conf.set(CS_PREFIX + "maximum-am-resource-percent", "0.5");
    conf.set(CS_PREFIX + "node-locality-delay", "-1");

    MiniYARNCluster cluster = new MiniYARNCluster("devcluster", NODE_MANAGERS, 1, 1);
    cluster.init(conf);
    cluster.start();
    try {
      if (!cluster.waitForNodeManagersToConnect(120_000)) {
        throw new IllegalStateException("the NodeManager did not register with the ResourceManager in 120 s");
      }
    } catch (InterruptedException | org.apache.hadoop.yarn.exceptions.YarnException e) {
      throw new IllegalStateException("waiting for the NodeManager failed", e);
    }
    return cluster;
  }

  private static void queue(Configuration conf, String name, String capacityPercent) {
    String q = CS_PREFIX + "root." + name + ".";
    conf.set(q + "capacity", capacityPercent);
    conf.set(q + "maximum-capacity", "100");
    conf.set(q + "user-limit-factor", "100");
    conf.set(q + "state", "RUNNING");
    conf.set(q + "acl_submit_applications", "*");
    conf.set(q + "acl_administer_queue", "*");
  }

  // Stops on the signal itself, not in a JVM shutdown hook: during JVM shutdown Hadoop's own
  // ShutdownHookManager refuses the hook removals that MiniDFSCluster.shutdown() performs.
  private static void handleStopSignals() {
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> {
        stop();
        System.exit(0);
      });
    }
  }

  private static synchronized void stop() {
    try {
      Files.deleteIfExists(readyFile.toPath());
    } catch (IOException e) {
      System.err.println("devcluster: could not remove " + readyFile + ": " + e);
    }
    if (yarn != null) {
      System.err.println("devcluster: stopping YARN");
      try {
        yarn.stop();
      } catch (Throwable t) {
        System.err.println("devcluster: stopping YARN failed: " + t);
      }
      yarn = null;
    }
    if (hdfs != null) {
      System.err.println("devcluster: stopping HDFS");
      try {
        hdfs.shutdown();
      } catch (Throwable t) {
        System.err.println("devcluster: stopping HDFS failed: " + t);
      }
      hdfs = null;
    }
    System.err.println("devcluster: stopped");
  }

  private static void writeSite(File file, Map<String, String> properties) throws IOException {
    Configuration conf = new Configuration(false);
    properties.forEach(conf::set);
    File tmp = new File(file.getPath() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp.toPath())) {
      conf.writeXml(out);
    }
    Files.move(tmp.toPath(), file.toPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void writeAtomically(File file, String text) throws IOException {
    Path tmp = Path.of(file.getPath() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file.toPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String setting(String key, String fallback) {
    String value = System.getProperty("devcluster." + key);
    if (value == null || value.isEmpty()) {
      value = System.getenv("DEVCLUSTER_" + key.toUpperCase(Locale.ROOT).replace('.', '_'));
    }
    return value == null || value.isEmpty() ? fallback : value;
  }

  private static int intSetting(String key, int fallback) {
    String value = setting(key, Integer.toString(fallback));
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("devcluster." + key + " must be an integer, got '" + value + "'", e);
    }
  }
}
