//! World-level tests of the content seed and invariants.

use crate::world::World;
use crate::world::content::TimelineQuery;

const NOW: i64 = 1_790_000_000_000;

#[test]
fn generated_small_world_has_content() {
    let mut world = World::default();
    let summary = world.seed_world("small", 7, NOW).unwrap();
    let creator = summary.creator_id;
    let walls = world.walls_of(&creator);
    assert_eq!(walls.len(), 2);
    assert_eq!((walls[0].name.as_str(), walls[0].pos), ("Posts", 0));
    let page = world.timeline(&creator, &creator, &TimelineQuery::default(), NOW);
    assert_eq!(page.len(), 15);
    assert_eq!(
        world
            .content
            .posts
            .values()
            .filter(|p| p.account_id == creator)
            .count(),
        30
    );
    assert_eq!(world.scheduled_posts(&creator).len(), 2);
    let links = world.tracking_links(&creator);
    assert_eq!(links.len(), 4);
    assert_eq!(links.iter().filter(|l| l["type"] == 1).count(), 3);
    let stats = world.profile_stats(&creator, NOW - 30 * 86_400_000, NOW, 86_400_000, NOW);
    assert!(
        !stats["dataset"]["datapoints"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(world.account(&creator).unwrap().post_likes > 0);

    // Same seed, same shape.
    let mut again = World::default();
    let s2 = again.seed_world("small", 7, NOW).unwrap();
    let likes = |w: &World, c: &str| w.account(c).unwrap().post_likes;
    assert_eq!(likes(&world, &creator), likes(&again, &s2.creator_id));
}
