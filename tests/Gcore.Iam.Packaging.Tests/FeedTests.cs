namespace Gcore.Iam.Packaging.Tests;

/// <summary>The feed holds exactly the packages of <see cref="PackageExpectations.Active"/>, each once, and nothing else.</summary>
[TestFixture]
public class FeedTests
{
    [Test]
    public void Feed_holds_exactly_the_packages_of_the_table()
    {
        var feed = PackageFeed.RequireFeed();
        var packages = PackageFeed.PackagePaths(feed).Select(p => new PackageArchive(p)).ToList();
        try
        {
            var ids = packages.Select(p => p.Id).ToList();
            var expected = PackageExpectations.Active.Select(p => p.Id).ToList();
            var undescribed = packages.Where(p => !expected.Contains(p.Id, StringComparer.Ordinal)).Select(p => p.Describe()).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(undescribed, Is.Empty,
                    "every package needs a row in PackageExpectations.All naming its project (what it holds is printed here, to copy from)");
                Assert.That(expected.Where(id => !ids.Contains(id, StringComparer.Ordinal)), Is.Empty,
                    "every row of PackageExpectations.All whose project exists has a package in the feed (did its project stop being packable?)");
                Assert.That(ids, Is.Unique, "one version of each package (the feed is emptied before packing)");
            });
        }
        finally
        {
            packages.ForEach(p => p.Dispose());
        }
    }

    [Test]
    public void Every_symbols_package_has_its_package()
    {
        var feed = PackageFeed.RequireFeed();
        var orphans = Directory.GetFiles(feed, "*.snupkg")
            .Where(s => !File.Exists(Path.ChangeExtension(s, ".nupkg")))
            .Select(Path.GetFileName);
        Assert.That(orphans, Is.Empty);
        Assert.That(Directory.GetFiles(feed).Select(Path.GetFileName).Where(f => !f!.EndsWith(".nupkg", StringComparison.Ordinal) && !f.EndsWith(".snupkg", StringComparison.Ordinal)),
            Is.Empty, "the feed folder holds packages only");
    }
}
