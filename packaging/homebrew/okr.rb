# Homebrew formula for okr, built from source.
#
# The repository has no public address yet: when it is published, replace
# OWNER below, tag the release as v<version> (Sources/okr/OKR+Version.swift),
# and set sha256 to `curl -sL <url> | shasum -a 256`. Until then, a tap can
# install the main branch with `brew install --HEAD okr`.
class Okr < Formula
  desc "Lint, plan, check in on and score OKRs kept as YAML files in git"
  homepage "https://github.com/OWNER/okr"
  url "https://github.com/OWNER/okr/archive/refs/tags/v0.1.0.tar.gz"
  sha256 "0000000000000000000000000000000000000000000000000000000000000000"
  license "Apache-2.0"
  head "https://github.com/OWNER/okr.git", branch: "main"

  # Swift 6 (Package.swift's tools version): Xcode 16, which itself needs a
  # newer macOS than the macOS 13 the binary declares.
  depends_on xcode: ["16.0", :build]
  depends_on "libyaml"

  uses_from_macos "swift" => :build

  def install
    args = if OS.mac?
      ["--disable-sandbox"]
    else
      ["--static-swift-stdlib"]
    end
    system "swift", "build", *args, "--configuration", "release", "--product", "okr"
    bin.install ".build/release/okr"
    man1.install "docs/man/okr.1"
    generate_completions_from_executable(bin/"okr", "--generate-completion-script")
  end

  test do
    assert_equal version.to_s, shell_output("#{bin}/okr --version").strip

    # A repository generated from the built-in template lints clean ...
    system bin/"okr", "init", "--repo", testpath, "--team", "growth", "--quarter", "2026-Q3"
    assert_path_exists testpath/"okrs/2026-Q3/growth.yaml"
    system bin/"okr", "lint", "--repo", testpath

    # ... and a mistake is reported at its line and column, with exit status 1.
    (testpath/"okrs/2026-Q3/web.yaml").write <<~YAML
      quarter: 2026-Q3
      team: web
      objectives:
        - id: O1
          tittle: Faster pages
          key_results: []
    YAML
    output = shell_output("#{bin}/okr lint --repo #{testpath} 2>&1", 1)
    assert_match "web.yaml:5:5: error: unknown key 'tittle' in objective; did you mean 'title'?", output
  end
end
