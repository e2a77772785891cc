import com.adobe.epubcheck.tool.EpubChecker;

/**
 * EPUBCheck 4.2 checks one book per command; this runs it on several books in one JVM (started
 * once, warmed up once). Usage: java -cp epubcheck.jar EpubCheckAll.java REPORT_DIR BOOK...
 * Writes REPORT_DIR/<n>.json per book (n from 0); exits 1 when any book has errors or warnings.
 * The build keeps this process's stdin open and never writes to it: end of input means the build
 * is gone (killed, even by SIGKILL), and then this process ends too instead of running on alone.
 */
public class EpubCheckAll {
  public static void main(String[] args) {
    Thread watchParent = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // nothing is ever sent; only the end of input matters
        }
      } catch (java.io.IOException e) {
        // a broken pipe is a parent gone, too
      }
      System.exit(3);
    });
    watchParent.setDaemon(true);
    watchParent.start();

    int worst = 0;
    for (int i = 1; i < args.length; i++) {
      String report = args[0] + "/" + (i - 1) + ".json";
      int code = new EpubChecker().run(new String[] { args[i], "--json", report, "--failonwarnings", "--quiet" });
      worst = Math.max(worst, code);
    }
    System.exit(worst);
  }
}
